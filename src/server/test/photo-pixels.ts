// Pixel comparisons for the photo redaction tests (integration and browser): a photo's RGB pixels and how much
// two copies differ over the pixels a test picks.
import sharp from 'sharp';

export interface Rgb { data: Buffer; width: number; height: number }

export async function rgbOf(bytes: Buffer): Promise<Rgb> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Mean absolute difference per channel (0–255) over the pixels `where` picks. */
export function meanDifference(a: Rgb, b: Rgb, where: (x: number, y: number) => boolean): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < a.height; y++) for (let x = 0; x < a.width; x++) {
    if (!where(x, y)) continue;
    const i = (y * a.width + x) * 3;
    for (let c = 0; c < 3; c++) sum += Math.abs(a.data[i + c]! - b.data[i + c]!);
    n += 3;
  }
  return sum / n;
}
