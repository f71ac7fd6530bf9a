// The FAQ chatbot: BM25 over the diacritic-insensitive tokens of text.ts (question, other phrasings, tags),
// a confidence that says how much of what was asked the best entry covers, and a handover to a person on
// request or when the confidence is below the configured threshold. In memory per database, rebuilt when
// the knowledge base changes (its row count or latest update moves), so it behaves the same on PGlite and
// PostgreSQL.
import type { FaqAnswer } from '../../../shared/contracts/feedback-text.js';
import type { Db } from '../../db/client.js';
import { activeFaqEntries, faqVersionAndSettings } from './faq.queries.js';
import { normalizeVietnamese, tokenize } from './text.js';

/** Phrases (normalised) with which a citizen asks for a person. */
export const handoverPhrases: readonly string[] = [
  'gap nhan vien', 'gap tong dai vien', 'tong dai vien', 'nhan vien tu van', 'nhan vien ho tro', 'gap nguoi that', 'nguoi that',
  'noi chuyen voi nguoi', 'noi chuyen truc tiep', 'gap can bo', 'chuyen nhan vien', 'ket noi tong dai', 'gap tu van vien', 'tu van vien',
  'can nguoi ho tro', 'gap admin', 'gap ad',
];

export function asksForPerson(question: string): boolean {
  const padded = ` ${normalizeVietnamese(question)} `;
  return handoverPhrases.some((p) => padded.includes(` ${p} `));
}

// How people ask rather than what they ask about ("làm sao", "ở đâu", "cho hỏi"): left out of matching so
// that "làm sao ly hôn" does not look half-answered by any entry that also says "làm sao".
const questionPhrases = [
  'nhu the nao', 'the nao', 'lam sao', 'lam the nao', 'o dau', 'cho hoi', 'xin hoi', 'muon hoi', 'muon biet', 'phai lam gi', 'lam gi',
  'duoc khong', 'khong a', 'vay', 'a', 'ah', 'ak', 'ad', 'shop', 'alo', 'xin chao', 'chao', 'cam on', 'giup', 'voi',
];
const questionPattern = new RegExp(`(^| )(${questionPhrases.join('|')})(?= |$)`, 'g');

/** Tokens of a question or an entry without the asking phrases. */
export function faqTokens(text: string): string[] {
  return tokenize(normalizeVietnamese(text).replace(questionPattern, ' '));
}

export interface FaqDocument { id: string; question: string; answer: string; text: string }

interface Indexed { doc: FaqDocument; tf: Map<string, number>; length: number }

export interface FaqIndex {
  /** The best entry for a question and the confidence (0–1) that it answers it; null when nothing matches. */
  best(question: string): { doc: FaqDocument; confidence: number; score: number } | null;
  size: number;
}

const K1 = 1.2;
const B = 0.75;

export function buildFaqIndex(docs: FaqDocument[]): FaqIndex {
  const indexed: Indexed[] = docs.map((doc) => {
    const tokens = faqTokens(doc.text);
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { doc, tf, length: tokens.length };
  });
  const df = new Map<string, number>();
  for (const d of indexed) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = indexed.length;
  const avgLength = indexed.reduce((s, d) => s + d.length, 0) / Math.max(1, n);
  const idf = (t: string) => Math.log(1 + (n - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));
  // A word the knowledge base has never seen weighs like a typical word: it may be the point of the question
  // ("ly hôn" when no entry covers divorce) and must pull the confidence down, but no more than a usual word.
  const idfs = [...df.keys()].map(idf).sort((a, b) => a - b);
  const unknownWeight = idfs.length ? idfs[Math.floor(idfs.length / 2)]! : 1;

  return {
    size: n,
    best(question) {
      const query = [...new Set(faqTokens(question))];
      if (query.length === 0 || n === 0) return null;
      let best: { d: Indexed; score: number } | null = null;
      for (const d of indexed) {
        let score = 0;
        for (const t of query) {
          const f = d.tf.get(t);
          if (!f) continue;
          score += idf(t) * (f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / avgLength));
        }
        if (score > 0 && (!best || score > best.score)) best = { d, score };
      }
      if (!best) return null;
      // Coverage: the share of the question's weight (idf; unknown words at a typical weight) the entry contains.
      // An unknown word pair adds nothing: it mostly joins an unknown word to a known one, counted already.
      // One shared syllable is thin evidence ("cũ" against "cư trú"): full confidence needs two matched words.
      let covered = 0;
      let total = 0;
      let matchedWords = 0;
      for (const t of query) {
        const isPair = t.includes('_');
        const w = df.has(t) ? idf(t) : isPair ? 0 : unknownWeight;
        total += w;
        if (best.d.tf.has(t)) { covered += w; if (!isPair) matchedWords++; }
      }
      const coverage = total > 0 ? covered / total : 0;
      return { doc: best.d.doc, score: best.score, confidence: matchedWords >= 2 ? coverage : coverage / 2 };
    },
  };
}

// One index per database, rebuilt when the knowledge base's version changes.
const indexes = new WeakMap<object, { version: string; index: FaqIndex }>();

/**
 * The chatbot's answer to a citizen's question: the best active entry when its confidence reaches the
 * configured threshold, else a handover to a person (also whenever the citizen asks for one).
 */
export async function answerFromFaq(db: Db, question: string): Promise<FaqAnswer> {
  const { version, minConfidence } = await faqVersionAndSettings(db);
  if (asksForPerson(question)) return { kind: 'handover', reason: 'requested', confidence: 1 };
  let cached = indexes.get(db);
  if (!cached || cached.version !== version) {
    const rows = await activeFaqEntries(db);
    cached = {
      version,
      index: buildFaqIndex(rows.map((r) => ({ id: r.id, question: r.question, answer: r.answer, text: [r.question, ...r.alternatives, ...r.tags].join(' . ') }))),
    };
    indexes.set(db, cached);
  }
  const found = cached.index.best(question);
  const confidence = Math.round((found?.confidence ?? 0) * 1000) / 1000;
  if (!found || confidence < minConfidence) return { kind: 'handover', reason: 'low_confidence', confidence };
  return { kind: 'answer', entryId: found.doc.id, question: found.doc.question, answer: found.doc.answer, confidence };
}
