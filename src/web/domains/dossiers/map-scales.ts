// Colour scales of the dossiers choropleth: the on-time rate on fixed, meaningful breaks (red → green), the
// overdue count on quantiles of the values shown (light → dark red).
export const NO_DATA = '#e2e8f0';
const RATE_COLOURS = ['#b91c1c', '#f97316', '#facc15', '#84cc16', '#15803d'] as const;
const RATE_BREAKS = [0, 0.5, 0.7, 0.85, 0.95] as const;
const OVERDUE_COLOURS = ['#fee2e2', '#fca5a5', '#f87171', '#dc2626', '#7f1d1d'] as const;

export interface ScaleClass { color: string; from: number; to: number | null }
export interface Scale { classes: ScaleClass[]; colorOf: (value: number | null | undefined) => string }

export function rateScale(): Scale {
  const classes = RATE_BREAKS.map((from, i) => ({ color: RATE_COLOURS[i]!, from, to: RATE_BREAKS[i + 1] ?? null }));
  return {
    classes,
    colorOf: (v) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) return NO_DATA;
      for (let i = classes.length - 1; i >= 0; i--) if (v >= classes[i]!.from) return classes[i]!.color;
      return classes[0]!.color;
    },
  };
}

/** Zero is its own class (the lightest colour); positive counts fall in up to four quantile classes. */
export function countScale(values: (number | null | undefined)[]): Scale {
  const positive = values.filter((v): v is number => typeof v === 'number' && v > 0).sort((a, b) => a - b);
  const classes: ScaleClass[] = [{ color: OVERDUE_COLOURS[0], from: 0, to: 0 }];
  if (positive.length > 0) {
    const starts = [...new Set([0, 1, 2, 3].map((i) => positive[Math.floor((i * positive.length) / 4)]!))];
    starts.forEach((from, i) => classes.push({ color: OVERDUE_COLOURS[Math.min(4, i + 1 + (4 - starts.length))]!, from, to: i + 1 < starts.length ? starts[i + 1]! - 1 : positive[positive.length - 1]! }));
  }
  return {
    classes,
    colorOf: (v) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) return NO_DATA;
      if (v <= 0) return classes[0]!.color;
      for (let i = classes.length - 1; i >= 1; i--) if (v >= classes[i]!.from) return classes[i]!.color;
      return classes[classes.length - 1]!.color;
    },
  };
}
