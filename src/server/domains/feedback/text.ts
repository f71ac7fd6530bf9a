// Vietnamese text made comparable: citizens write with and without diacritics, so every search, classifier
// and duplicate check in the feedback domain compares the same normalised words and syllable pairs.

const combiningMarks = /\p{M}+/gu;
const notLetterOrDigit = /[^\p{L}\p{N}]+/gu;

/** Lowercase, without diacritics (đ → d), punctuation as spaces, single spaces, trimmed. */
export function normalizeVietnamese(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(combiningMarks, '')
    .replace(/đ/g, 'd')
    .replace(notLetterOrDigit, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/**
 * Function words that carry no topic, in normalised form. Kept small on purpose: without diacritics many
 * syllables collide (tai = tại/tai nạn, do = đó/đỏ, cho = cho/chợ, roi = rồi/rơi), and those stay in.
 */
export const vietnameseStopWords: ReadonlySet<string> = new Set([
  'a', 'anh', 'bi', 'cac', 'chi', 'chung', 'co', 'cua', 'cung', 'da', 'dang', 'de', 'duoc', 'em', 'gi',
  'khi', 'khong', 'la', 'luc', 'ma', 'minh', 'mot', 'nao', 'nay', 'nhe', 'nhung', 'nhu', 'o', 'oi', 'rat', 'se',
  'thi', 'toi', 'va', 've', 'vi', 'voi', 'xin',
]);

/**
 * Normalised content words plus adjacent-word bigrams joined by "_": a Vietnamese word is often two
 * syllables (đèn đường, tai nạn, ngập nước), and the pair says much more than either syllable alone.
 * A bigram is made only from two adjacent words that are both content words.
 */
export function tokenize(s: string): string[] {
  const normalised = normalizeVietnamese(s);
  if (normalised === '') return [];
  const words = normalised.split(' ');
  const tokens: string[] = [];
  let previous: string | null = null;
  for (const word of words) {
    if (vietnameseStopWords.has(word)) {
      previous = null;
      continue;
    }
    tokens.push(word);
    if (previous !== null) tokens.push(`${previous}_${word}`);
    previous = word;
  }
  return tokens;
}
