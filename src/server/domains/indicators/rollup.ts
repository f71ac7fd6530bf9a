// Rolling values up the unit tree and over time. Each reported period's values are mapped onto the tree
// as it stood on `asOf` (a merged unit's values go to its successor, a split's by share) and aggregated
// bottom-up; then the periods are aggregated at each target (a flow sums its months, a stock takes the
// last). A unit's own reported value, when it has one, stands for its subtree instead of its children's.
export type Aggregation = 'sum' | 'average' | 'last' | 'min' | 'max' | 'none';

export interface TimedValue { periodStart: string; value: number }

export function aggregateOverTime(values: TimedValue[], how: Aggregation): number | null {
  if (values.length === 0) return null;
  switch (how) {
    case 'sum': return values.reduce((s, v) => s + v.value, 0);
    case 'average': return values.reduce((s, v) => s + v.value, 0) / values.length;
    case 'min': return Math.min(...values.map((v) => v.value));
    case 'max': return Math.max(...values.map((v) => v.value));
    case 'last': case 'none': return values.reduce((a, b) => (b.periodStart > a.periodStart ? b : a)).value;
  }
}

export interface Weighted { value: number; weight: number }

export function aggregateOverUnits(parts: Weighted[], how: Aggregation): number | null {
  const present = parts.filter((p) => p.weight > 0);
  if (present.length === 0) return null;
  switch (how) {
    case 'sum': case 'last': return present.reduce((s, p) => s + p.value * p.weight, 0);
    case 'average': {
      const w = present.reduce((s, p) => s + p.weight, 0);
      return present.reduce((s, p) => s + p.value * p.weight, 0) / w;
    }
    case 'min': return Math.min(...present.map((p) => p.value));
    case 'max': return Math.max(...present.map((p) => p.value));
    case 'none': return null;
  }
}

export interface TreeUnit { id: string; parentId: string | null }

/**
 * Values of every unit of `tree` (units valid on asOf), given values attached to tree units with weights
 * (shares of the source unit's territory). Returns a map unit id → value.
 */
export function childrenOf(tree: TreeUnit[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const u of tree) {
    if (!u.parentId) continue;
    const list = children.get(u.parentId);
    if (list) list.push(u.id);
    else children.set(u.parentId, [u.id]);
  }
  return children;
}

/** `only`: the units whose values are wanted (their subtrees are computed as far as needed); default all. */
export function rollUpTree(
  tree: TreeUnit[], attached: Map<string, Weighted[]>, how: Aggregation, children = childrenOf(tree), only?: string[],
): Map<string, number | null> {
  const memo = new Map<string, number | null>();
  const valueOf = (id: string): number | null => {
    if (memo.has(id)) return memo.get(id)!;
    const own = attached.get(id);
    let result: number | null;
    if (own && own.length > 0) {
      result = aggregateOverUnits(own, how === 'none' ? 'sum' : how);
    } else if (how === 'none') {
      result = null;
    } else {
      const parts: Weighted[] = [];
      for (const c of children.get(id) ?? []) {
        const v = valueOf(c);
        if (v !== null) parts.push({ value: v, weight: 1 });
      }
      result = aggregateOverUnits(parts, how);
    }
    memo.set(id, result);
    return result;
  };
  if (only) for (const id of only) valueOf(id);
  else for (const u of tree) valueOf(u.id);
  return memo;
}
