// Analytics on read: indicators × units × periods straight from the reported values (no batch step),
// rolled over time and up the unit tree as it stood on `asOf`; derived indicators computed at each level.
import type { AnalyticsQuery, AnalyticsResult, Progress } from '../../../shared/contracts/indicators.js';
import { can } from '../../core/auth.js';
import { addDays, todayInVietnam } from '../../core/calendar.js';
import type { RequestContext } from '../../core/context.js';
import { readCacheOf } from '../../core/read-cache.js';
import type { HubTopic } from '../../../shared/realtime.js';
import { AppError } from '../../core/errors.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { findVisibleUnit, territoryOn, unitsByIds, unitsOfScopeOn } from '../units/units.service.js';
import { evaluateFormula, parseFormula, type Shift } from './formulas.js';
import { optionCombinations } from './indicators.service.js';
import { cellsInRange, type ReportedCell, findIndicatorsByCodes, indicatorIdsWithTargets, listDimensions, listIndicators, targetsOf } from './indicators.queries.js';
import type { IndicatorRow } from './indicators.table.js';
import { type Period, type PeriodType, periodContaining, periodRange, periodsBetween, periodTypes, samePeriodLastYear, shiftPeriod } from './periods.js';
import { type Aggregation, aggregateOverTime, childrenOf, rollUpTree, type Weighted } from './rollup.js';

const finer = (a: string, b: string) => periodTypes.indexOf(a as PeriodType) < periodTypes.indexOf(b as PeriodType);

/** The bucket of the requested type that a stored period falls in (calendar-nominal, whatever its cut-off). */
export function bucketOf(storedType: string, storedId: string, wanted: PeriodType): string | null {
  if (storedType === wanted) return storedId;
  if (!finer(storedType, wanted)) return null; // a yearly value cannot be split into months
  return periodContaining(wanted, periodRange({ type: storedType as PeriodType, id: storedId }).start).id;
}

/**
 * Relative periods seen from `today`. With a cut-off (Decree 09/2019: day 15), the current month is the one
 * whose reporting window holds today: on 20 November it is December's; on 20 December the year is already next year's.
 */
export function relativePeriods(relative: NonNullable<AnalyticsQuery['relative']>, type: PeriodType, today: string, cutoffDay = 1): Period[] {
  const now = periodContaining(type, today, cutoffDay);
  const thisMonth = periodContaining('monthly', today, cutoffDay);
  const year = periodContaining('yearly', today, cutoffDay).id;
  // Period ids are nominal (calendar) whatever the cut-off: the first and last of a year are found by calendar dates.
  const nominal = (p: Period) => periodContaining(type, periodRange(p).start);
  switch (relative) {
    case 'THIS_MONTH': return [nominal(thisMonth)];
    case 'LAST_MONTH': return [nominal(shiftPeriod(thisMonth, -1))];
    case 'LAST_12_MONTHS': return periodsBetween(nominal(shiftPeriod(thisMonth, -12)), shiftPeriod(now, -1));
    case 'THIS_YEAR': return periodsBetween(periodContaining(type, `${year}-01-01`), periodContaining(type, `${year}-12-31`));
    case 'YEAR_TO_DATE': return periodsBetween(periodContaining(type, `${year}-01-01`), now);
    case 'LAST_5_YEARS': return periodsBetween(periodContaining(type, `${Number(year) - 4}-01-01`), now);
  }
}

// Shares and averages leave float dust (181.99999999999997); answers carry the indicator's decimals (+2 for averages of averages).
function roundTo(v: number | null, decimals: number): number | null {
  if (v === null) return null;
  const f = 10 ** Math.min(Math.max(decimals, 0) + 2, 8);
  return Math.round(v * f) / f;
}

function combineParts(how: Aggregation, v: { parts_sum: number | null; parts_n: number; parts_min: number | null; parts_max: number | null }): number | null {
  switch (how) {
    case 'sum': case 'last': return v.parts_sum;
    case 'average': return v.parts_sum === null ? null : Number(v.parts_sum) / v.parts_n;
    case 'min': return v.parts_min;
    case 'max': return v.parts_max;
    case 'none': return null;
  }
}

interface Computation { values: Map<string, number | null> } // `${code}|${unitId}|${periodId}` → value
const keyOf = (code: string, unitId: string, periodId: string) => `${code}|${unitId}|${periodId}`;

/** Indicators a set of indicators needs, base and derived, with parsed formulas. */
async function withDependencies(db: DbOrTx, codes: string[]) {
  const all = new Map<string, IndicatorRow & { parsed: ReturnType<typeof parseFormula> | null }>();
  let pending = codes;
  while (pending.length) {
    const rows = await findIndicatorsByCodes(db, pending.filter((c) => !all.has(c)));
    const next: string[] = [];
    for (const r of rows) {
      const parsed = r.formula ? parseFormula(r.formula) : null;
      all.set(r.code, { ...r, parsed });
      for (const ref of parsed?.references ?? []) if (!all.has(ref.code)) next.push(ref.code);
    }
    pending = [...new Set(next)];
  }
  return all;
}

type Catalog = Awaited<ReturnType<typeof withDependencies>>;

/**
 * The tree of a scope on a date and where every unit's territory lies on it. Kept in the read cache until
 * the unit tree changes (topic units): a saved value, which drops the computed answers, leaves the tree as
 * it was, so the next overview does not load it again. Callers only read it.
 */
export function loadRollupTree(db: Db, scopePath: string, asOf: string) {
  return readCacheOf(db).read(JSON.stringify(['rollup-tree', scopePath, asOf]), ['units'], () => readRollupTree(db, scopePath, asOf));
}

async function readRollupTree(db: DbOrTx, scopePath: string, asOf: string) {
  const tree = await unitsOfScopeOn(db, scopePath, asOf);
  const territory = await territoryOn(db, asOf);
  // Every unit that ever held territory, with its ancestors of its own time (an ended commune's district).
  const known = await unitsByIds(db, [...territory.keys()]);
  const idByPath = new Map(known.map((u) => [u.path, u.id]));
  const ancestorsOf = new Map<string, string[]>();
  for (const u of known) {
    const segments = u.path.split('/').filter(Boolean);
    const ancestors: string[] = [];
    for (let i = 1; i < segments.length; i++) {
      const id = idByPath.get(`/${segments.slice(0, i).join('/')}/`);
      if (id) ancestors.push(id);
    }
    ancestorsOf.set(u.id, ancestors);
  }
  return { tree, territory, ancestorsOf };
}
type RollupTree = Awaited<ReturnType<typeof readRollupTree>>;

/** Periods a set of wanted periods needs base values for: derived formulas may look a period or a year back. */
function periodsNeeded(catalog: Catalog, periods: Period[]): Map<string, Period> {
  const usesShift = (s: Shift) => [...catalog.values()].some((i) => i.parsed?.references.some((r) => r.shift === s));
  const needed = new Map(periods.map((p) => [p.id, p]));
  for (const p of periods) {
    if (usesShift('prev')) { const q = shiftPeriod(p, -1); needed.set(q.id, q); }
    if (usesShift('lastYear')) { const q = samePeriodLastYear(p); needed.set(q.id, q); }
  }
  return needed;
}

/** One answer wanted from a read: periods of one type, and optionally only stored periods ended by `until`. */
export interface ValueRequest { periods: Period[]; until?: string | undefined }

/**
 * Values of `codes` for `targetUnitIds` (units valid on asOf) and `periods`, within a scope. Base values roll
 * up; derived ones are computed at the target level from rolled-up inputs (a rate of sums, never a sum of rates).
 */
export async function computeValues(
  db: Db, scopePath: string, codes: string[], targetUnitIds: string[], periods: Period[], asOf: string, optionKey: string | null,
  options: {
    until?: string;          // only stored periods that had ended by this date (year to date)
    rollup?: RollupTree;     // already loaded by the caller for the same scope and asOf
    catalog?: Catalog;       // already loaded by the caller for the same codes
  } = {},
): Promise<Computation> {
  const [values] = await computeValueSets(db, scopePath, codes, targetUnitIds, [{ periods, until: options.until }], asOf, optionKey, options);
  return values!;
}

/**
 * Several answers over the same indicators and targets from one read of the stored cells (a province
 * overview's month, year to date and last year's year to date): the cells of the union of their windows are
 * read once, then each answer is computed from them.
 */
export async function computeValueSets(
  db: Db, scopePath: string, codes: string[], targetUnitIds: string[], requests: ValueRequest[], asOf: string, optionKey: string | null,
  options: { rollup?: RollupTree; catalog?: Catalog } = {},
): Promise<Computation[]> {
  const catalog = options.catalog ?? await withDependencies(db, codes);
  const missing = codes.filter((c) => !catalog.has(c));
  if (missing.length) throw new AppError('validation-failed', { errors: [{ path: 'query.indicators', message: `unknown indicators: ${missing.join(', ')}` }] });
  const rollup = options.rollup ?? await loadRollupTree(db, scopePath, asOf);
  const { tree, territory, ancestorsOf } = rollup;
  const treeIds = new Set(tree.map((u) => u.id));
  const targets = targetUnitIds.filter((id) => treeIds.has(id));
  const targetPaths = tree.filter((u) => targets.includes(u.id)).map((u) => u.path);
  // Source units: every unit (ended or not) whose territory on asOf lies under one of the targets.
  const pathOf = new Map(tree.map((u) => [u.id, u.path]));
  const sources = [...territory.entries()].filter(([, parts]) => parts.some((p) => { const path = pathOf.get(p.unitId); return path && targetPaths.some((t) => path.startsWith(t)); }));
  const sourceIds = sources.map(([id]) => id);

  const base = [...catalog.values()].filter((i) => !i.parsed);
  const ranges = requests.flatMap((r) => [...periodsNeeded(catalog, r.periods).values()].map((p) => periodRange(p)));
  if (!ranges.length) return requests.map(() => ({ values: new Map() }));
  const from = addDays(ranges.reduce((a, r) => (r.start < a ? r.start : a), ranges[0]!.start), -31);
  const to = addDays(ranges.reduce((a, r) => (r.end > a ? r.end : a), ranges[0]!.end), 1);
  const sourceSet = new Set(sourceIds);
  const ancestorPairs = sourceIds.flatMap((unitId) => (ancestorsOf.get(unitId) ?? []).filter((a) => sourceSet.has(a)).map((ancestorId) => ({ unitId, ancestorId })));
  const rows = await cellsInRange(db, { indicatorIds: base.map((b) => b.id), unitIds: sourceIds, from, to, optionKey, ancestorPairs });
  const attached = attachToTree(rows, base, rollup);
  return requests.map((r) => valuesOfRequest(attached, { catalog, codes, rollup, targets }, r));
}

/** The cells of one indicator and stored period, placed on the tree as of asOf; rolled up once, when first wanted. */
interface StoredPeriodCells {
  ind: IndicatorRow; periodType: string; periodId: string; periodStart: string; nominalEnd: string;
  perUnit: Map<string, Weighted[]>;
  rolled?: Map<string, number | null>;
}

/**
 * Steps 1–2, shared by every answer of a read: each cell's total (the stored total, or its disaggregated
 * parts combined like units are), then onto the tree as of asOf, per stored period. After a reorganisation
 * the old and the new units report different months of one year, so time is aggregated only at the target.
 */
function attachToTree(rows: ReportedCell[], base: IndicatorRow[], rollup: RollupTree): Map<string, StoredPeriodCells> {
  const { tree, territory } = rollup;
  const treeIds = new Set(tree.map((u) => u.id));
  const byId = new Map(base.map((b) => [b.id, b]));
  const attached = new Map<string, StoredPeriodCells>();
  for (const v of rows) {
    const ind = byId.get(v.indicator_id);
    if (!ind) continue;
    const total = v.direct ?? (v.parts_n === 0 ? null : combineParts(ind.unitAggregation as Aggregation, v));
    if (total === null) continue;
    const k = `${v.indicator_id}|${v.period_type}|${v.period_id}`;
    let entry = attached.get(k);
    if (!entry) {
      const nominalEnd = periodRange({ type: v.period_type as PeriodType, id: v.period_id }).end;
      entry = { ind, periodType: v.period_type, periodId: v.period_id, periodStart: v.period_start, nominalEnd, perUnit: new Map() };
      attached.set(k, entry);
    }
    for (const part of territory.get(v.unit_id) ?? []) {
      if (!treeIds.has(part.unitId)) continue;
      const weighted = { value: Number(total), weight: part.share };
      const list = entry.perUnit.get(part.unitId);
      if (list) list.push(weighted); else entry.perUnit.set(part.unitId, [weighted]);
    }
  }
  return attached;
}

/** Steps 3–4 of one answer: up the tree and over time at each target, then derived indicators. */
function valuesOfRequest(
  attached: Map<string, StoredPeriodCells>, ctx: { catalog: Catalog; codes: string[]; rollup: RollupTree; targets: string[] }, request: ValueRequest,
): Computation {
  const { catalog, codes, targets } = ctx;
  const { tree } = ctx.rollup;
  const { periods, until } = request;
  const type = periods[0]?.type ?? 'monthly';
  const needed = periodsNeeded(catalog, periods);
  const children = childrenOf(tree);
  const base = [...catalog.values()].filter((i) => !i.parsed);
  // 3. Over time, at each target: the months of a year add up (flows), or the last one counts (stocks).
  const series = new Map<string, { periodStart: string; value: number }[]>(); // `${code}|${target}|${bucket}`
  const buckets = new Map<string, string | null>();
  for (const a of attached.values()) {
    // Year to date counts whole periods only: by the end of November, Q4 has not happened yet.
    if (until && a.nominalEnd > until) continue;
    const bk = `${a.periodType}|${a.periodId}`;
    let bucket = buckets.get(bk);
    if (bucket === undefined) { bucket = bucketOf(a.periodType, a.periodId, type); buckets.set(bk, bucket); }
    if (!bucket || !needed.has(bucket)) continue;
    // Only the targets' subtrees, and there only down to the units that reported themselves.
    a.rolled ??= rollUpTree(tree, a.perUnit, a.ind.unitAggregation as Aggregation, children, targets);
    for (const t of targets) {
      const v = a.rolled.get(t);
      if (v === null || v === undefined) continue;
      const k = keyOf(a.ind.code, t, bucket);
      const list = series.get(k);
      if (list) list.push({ periodStart: a.periodStart, value: v });
      else series.set(k, [{ periodStart: a.periodStart, value: v }]);
    }
  }
  const values = new Map<string, number | null>();
  for (const ind of base) {
    for (const bucket of needed.keys()) {
      for (const t of targets) {
        const k = keyOf(ind.code, t, bucket);
        values.set(k, roundTo(aggregateOverTime(series.get(k) ?? [], ind.timeAggregation as Aggregation), ind.decimals));
      }
    }
  }
  // 4. Derived indicators at each target and period, from the rolled-up inputs (recursively).
  const evaluating = new Set<string>();
  const derivedValue = (code: string, unitId: string, period: Period): number | null => {
    const k = keyOf(code, unitId, period.id);
    if (values.has(k)) return values.get(k)!;
    const ind = catalog.get(code);
    if (!ind?.parsed || evaluating.has(k)) return null;
    evaluating.add(k);
    const v = evaluateFormula(ind.parsed, (ref, shift) => derivedValue(ref, unitId, shift === 'prev' ? shiftPeriod(period, -1) : shift === 'lastYear' ? samePeriodLastYear(period) : period));
    evaluating.delete(k);
    const rounded = roundTo(v, ind.decimals);
    values.set(k, rounded);
    return rounded;
  };
  for (const code of codes) if (catalog.get(code)?.parsed) for (const t of targets) for (const p of periods) derivedValue(code, t, p);
  return { values };
}

export async function runAnalytics(ctx: RequestContext, q: AnalyticsQuery): Promise<AnalyticsResult> {
  can(ctx.actor, 'indicators:read');
  const key = JSON.stringify(['analytics', ctx.actor.scopePath, ctx.actor.scopeUnitId, todayInVietnam(), q]);
  return readCacheOf(ctx.db).read(key, CACHE_TOPICS, () => computeAnalytics(ctx, q));
}

// Answers depend on values, targets and the catalog (topic indicators) and on the unit tree (units).
const CACHE_TOPICS: HubTopic[] = ['indicators', 'units'];

async function computeAnalytics(ctx: RequestContext, q: AnalyticsQuery): Promise<AnalyticsResult> {
  const codes = [...new Set(q.indicators.split(',').map((c) => c.trim()).filter(Boolean))].slice(0, 50);
  const asOf = q.asOf ?? todayInVietnam();
  const type = q.periodType;
  let periods: Period[];
  if (q.relative) periods = relativePeriods(q.relative, type, todayInVietnam(), q.cutoffDay);
  else if (q.from && q.to) {
    const from = { type, id: q.from }; const to = { type, id: q.to };
    try { periods = periodsBetween(from, to, 240); } catch { throw new AppError('invalid-period'); }
  } else periods = relativePeriods('LAST_12_MONTHS', type, todayInVietnam());
  if (periods.length === 0) throw new AppError('invalid-period');

  const rollup = await loadRollupTree(ctx.db, ctx.actor.scopePath, asOf);
  const { tree } = rollup;
  let targets: typeof tree;
  if (q.unitIds) {
    const ids = q.unitIds.split(',').map((s) => s.trim()).filter(Boolean);
    targets = tree.filter((u) => ids.includes(u.id));
    if (targets.length !== ids.length) throw new AppError('not-found', { detail: 'Có đơn vị không tồn tại vào thời điểm đã chọn hoặc nằm ngoài phạm vi của bạn.' });
  } else if (q.level !== undefined) {
    targets = tree.filter((u) => u.path.split('/').filter(Boolean).length - 1 === q.level);
  } else {
    const parentId = q.childrenOf ?? ctx.actor.scopeUnitId;
    const parent = await findVisibleUnit(ctx, ctx.db, parentId);
    targets = tree.filter((u) => u.parentId === parent.id);
  }
  const targetIds = targets.map((t) => t.id);
  const catalog = await withDependencies(ctx.db, codes);
  const { values } = await computeValues(ctx.db, ctx.actor.scopePath, codes, targetIds, periods, asOf, q.option ?? null, { rollup, catalog });
  const optionKey = q.option ?? '';
  const rows = codes.flatMap((code) => targets.flatMap((t) => periods.map((p) => ({ indicatorCode: code, unitId: t.id, periodId: p.id, optionKey, value: values.get(keyOf(code, t.id, p.id)) ?? null }))));
  // Breakdown: every option combination of each reported indicator's disaggregations, beside its total.
  const options: AnalyticsResult['options'] = [];
  if (q.breakdown && q.option === undefined) {
    const dims = await listDimensions(ctx.db);
    for (const code of codes) {
      const ind = catalog.get(code)!;
      if (ind.parsed) continue;              // a derived indicator has no stored parts to break down
      for (const combo of optionCombinations(ind.dimensionCodes, dims).filter((c) => c.key !== '')) {
        if (!options.some((o) => o.key === combo.key)) options.push(combo);
        const part = await computeValues(ctx.db, ctx.actor.scopePath, [code], targetIds, periods, asOf, combo.key, { rollup, catalog });
        for (const t of targets) for (const p of periods) {
          rows.push({ indicatorCode: code, unitId: t.id, periodId: p.id, optionKey: combo.key, value: part.values.get(keyOf(code, t.id, p.id)) ?? null });
        }
      }
    }
  }
  return { asOf, periods: periods.map((p) => p.id), units: targets.map((t) => ({ id: t.id, code: t.code, name: t.name })), options, rows };
}

/** CSV for spreadsheets: UTF-8 with BOM so that Excel shows Vietnamese correctly. */
export function analyticsCsv(result: AnalyticsResult, names: Map<string, string>): string {
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const unitName = new Map(result.units.map((u) => [u.id, u]));
  const optionLabel = new Map(result.options.map((o) => [o.key, o.label]));
  const lines = ['indicator_code,indicator_name,unit_code,unit_name,period,value,option_key,option'];
  for (const r of result.rows) {
    const u = unitName.get(r.unitId)!;
    const option = r.optionKey === '' ? 'Tổng số' : optionLabel.get(r.optionKey) ?? r.optionKey;
    lines.push([r.indicatorCode, names.get(r.indicatorCode) ?? '', u.code, u.name, r.periodId, r.value === null ? '' : String(r.value), r.optionKey, option].map(esc).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The same table as a spreadsheet: one row per indicator × unit × period, numbers as numbers. */
export async function analyticsXlsx(result: AnalyticsResult, names: Map<string, string>): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Số liệu');
  ws.columns = [
    { header: 'Mã chỉ tiêu', key: 'code', width: 24 }, { header: 'Chỉ tiêu', key: 'name', width: 48 }, { header: 'Mã đơn vị', key: 'unitCode', width: 14 },
    { header: 'Đơn vị', key: 'unit', width: 32 }, { header: 'Kỳ', key: 'period', width: 10 }, { header: 'Giá trị', key: 'value', width: 16 },
    { header: 'Phân tổ', key: 'option', width: 28 },
  ];
  const optionLabel = new Map(result.options.map((o) => [o.key, o.label]));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const units = new Map(result.units.map((u) => [u.id, u]));
  for (const r of result.rows) {
    const u = units.get(r.unitId)!;
    ws.addRow({ code: r.indicatorCode, name: names.get(r.indicatorCode) ?? '', unitCode: u.code, unit: u.name, period: r.periodId, value: r.value, option: r.optionKey === '' ? 'Tổng số' : optionLabel.get(r.optionKey) ?? r.optionKey });
  }
  ws.getColumn('value').numFmt = '#,##0.##';
  ws.addRow([]);
  ws.addRow([`Thời điểm cây đơn vị (as of): ${result.asOf}. Số liệu mô phỏng trong bản demo (synthetic in the demo).`]);
  return Buffer.from(await wb.xlsx.writeBuffer() as ArrayBuffer);
}

export async function indicatorNames(db: DbOrTx, codes: string[]): Promise<Map<string, string>> {
  return new Map((await findIndicatorsByCodes(db, codes)).map((i) => [i.code, i.name]));
}

/** Year-to-date against the annual target, with a traffic light: green ≥ `green`, amber ≥ `amber` (ratios). */
type ProgressQuery = { unitId: string; period?: string | undefined; indicators?: string | undefined; green: number; amber: number };

export async function progressOf(ctx: RequestContext, q: ProgressQuery): Promise<Progress> {
  can(ctx.actor, 'indicators:read');
  const key = JSON.stringify(['progress', ctx.actor.scopePath, todayInVietnam(), q]);
  return readCacheOf(ctx.db).read(key, CACHE_TOPICS, () => computeProgress(ctx, q));
}

async function computeProgress(ctx: RequestContext, q: ProgressQuery): Promise<Progress> {
  const unit = await findVisibleUnit(ctx, ctx.db, q.unitId);
  const month = { type: 'monthly' as const, id: q.period ?? periodContaining('monthly', todayInVietnam()).id };
  const year = Number(month.id.slice(0, 4));
  const asOf = periodRange(month).end > todayInVietnam() ? todayInVietnam() : addDays(periodRange(month).end, -1);
  let indicatorsWithTargets: IndicatorRow[];
  if (q.indicators) {
    const codes = [...new Set(q.indicators.split(',').map((c) => c.trim()).filter(Boolean))];
    indicatorsWithTargets = await findIndicatorsByCodes(ctx.db, codes);
    if (indicatorsWithTargets.length !== codes.length) throw new AppError('validation-failed', { errors: [{ path: 'query.indicators', message: 'unknown indicator codes' }] });
  } else {
    const ids = new Set((await indicatorIdsWithTargets(ctx.db, unit.id, year)).map((t) => t.indicatorId));
    indicatorsWithTargets = (await listIndicators(ctx.db)).filter((i) => ids.has(i.id));
  }
  const codes = indicatorsWithTargets.map((i) => i.code);
  const monthEnd = periodRange(month).end;
  const lastYearMonthEnd = periodRange(samePeriodLastYear(month)).end;
  // Year to date = the year's bucket cut at the month's end, whatever each indicator's own period type
  // (monthly, quarterly, yearly); derived ones are computed from the year-to-date inputs.
  const shared = { rollup: await loadRollupTree(ctx.db, ctx.actor.scopePath, asOf), catalog: await withDependencies(ctx.db, codes) };
  const [monthly, ytdNow, ytdBefore] = await computeValueSets(ctx.db, ctx.actor.scopePath, codes, [unit.id], [
    { periods: [month] },
    { periods: [{ type: 'yearly', id: String(year) }], until: monthEnd },
    { periods: [{ type: 'yearly', id: String(year - 1) }], until: lastYearMonthEnd },
  ], asOf, null, shared) as [Computation, Computation, Computation];
  const targets = await targetsOf(ctx.db, unit.id, year, indicatorsWithTargets.map((i) => i.id));
  return indicatorsWithTargets.map((ind) => {
    const how = (ind.formula ? 'last' : ind.timeAggregation) as Aggregation;
    const ytd = ytdNow.values.get(keyOf(ind.code, unit.id, String(year))) ?? null;
    const lastYtd = ytdBefore.values.get(keyOf(ind.code, unit.id, String(year - 1))) ?? null;
    const target = targets.find((t) => t.indicatorId === ind.id);
    const monthNo = Number(month.id.slice(5, 7));
    let targetToDate: number | null = null;
    if (target) {
      const phasing = Array.isArray(target.monthly) ? (target.monthly as number[]) : null;
      targetToDate = how === 'sum'
        ? (phasing ? phasing.slice(0, monthNo).reduce((s, x) => s + x, 0) : (target.annual * monthNo) / 12)
        : target.annual;
    }
    let progressPct: number | null = null;
    if (ytd !== null && targetToDate) progressPct = Math.round((ind.higherIsBetter ? ytd / targetToDate : targetToDate / (ytd || Number.EPSILON)) * 1000) / 10;
    const status = progressPct === null ? 'none' : progressPct >= q.green * 100 ? 'green' : progressPct >= q.amber * 100 ? 'amber' : 'red';
    return {
      indicatorCode: ind.code, name: ind.name, nameEn: ind.nameEn, measureUnit: ind.measureUnit, periodId: month.id,
      value: monthly.values.get(keyOf(ind.code, unit.id, month.id)) ?? null, yearToDate: ytd, sameTimeLastYear: lastYtd,
      annualTarget: target?.annual ?? null, targetToDate, progressPct, status,
    };
  });
}
