// All SQL of the indicators domain: catalog, forms, submissions, values, targets, rules.
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { addDays } from '../../core/calendar.js';
import { type Db, type DbOrTx, likePattern, onPostgresServer, selectRows } from '../../db/client.js';
import {
  dimensionOptions, dimensions, formAssignments, formRows, forms, indicators, indicatorValues, submissions, targets, validationRules, valueChanges,
} from './indicators.table.js';
import { type PeriodType, periodContaining, periodRange, periodTypes, shiftPeriod } from './periods.js';

// ── catalog ────────────────────────────────────────────────────────────────────────────────────────
export async function listIndicators(db: DbOrTx, f: { q?: string | undefined; sector?: string | undefined } = {}) {
  const conditions: (SQL | undefined)[] = [];
  if (f.sector) conditions.push(eq(indicators.sector, f.sector));
  if (f.q) {
    const p = likePattern(f.q, { contains: true });
    conditions.push(or(ilike(indicators.code, p), ilike(indicators.nameEn, p), sql`unaccent_vi(${indicators.name}) ILIKE unaccent_vi(${p})`));
  }
  return db.select().from(indicators).where(and(...conditions)).orderBy(asc(indicators.sector), asc(indicators.code));
}

export async function findIndicatorsByCodes(db: DbOrTx, codes: string[]) {
  if (codes.length === 0) return [];
  return db.select().from(indicators).where(inArray(indicators.code, codes));
}

export async function findIndicatorById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(indicators).where(eq(indicators.id, id));
  return row ?? null;
}

export async function allFormulas(db: DbOrTx) {
  return db.select({ code: indicators.code, formula: indicators.formula }).from(indicators);
}

export async function insertIndicator(db: DbOrTx, row: typeof indicators.$inferInsert) {
  await db.insert(indicators).values(row);
}

export async function updateIndicatorRow(db: DbOrTx, id: string, changes: Partial<typeof indicators.$inferInsert>) {
  await db.update(indicators).set({ ...changes, updatedAt: new Date() }).where(eq(indicators.id, id));
}

export async function listDimensions(db: DbOrTx) {
  const dims = await db.select().from(dimensions).orderBy(asc(dimensions.code));
  const options = await db.select().from(dimensionOptions).orderBy(asc(dimensionOptions.sort));
  return dims.map((d) => ({ ...d, options: options.filter((o) => o.dimensionId === d.id) }));
}

export async function insertDimension(db: DbOrTx, d: typeof dimensions.$inferInsert, options: (typeof dimensionOptions.$inferInsert)[]) {
  await db.insert(dimensions).values(d);
  if (options.length) await db.insert(dimensionOptions).values(options);
}

// ── forms ──────────────────────────────────────────────────────────────────────────────────────────
/** Every version of every form, newest version first per code. */
export async function listFormVersions(db: DbOrTx) {
  return db.select().from(forms).orderBy(asc(forms.code), desc(forms.version));
}

export async function formVersions(db: DbOrTx, code: string) {
  return db.select().from(forms).where(eq(forms.code, code)).orderBy(desc(forms.version));
}

export async function formRowsOf(db: DbOrTx, formId: string) {
  return db.select({
    rowCode: formRows.rowCode, section: formRows.section, sort: formRows.sort, indicatorId: indicators.id, indicatorCode: indicators.code,
    indicatorName: indicators.name, measureUnit: indicators.measureUnit, dimensionCodes: indicators.dimensionCodes,
  }).from(formRows).innerJoin(indicators, eq(indicators.id, formRows.indicatorId)).where(eq(formRows.formId, formId)).orderBy(asc(formRows.sort));
}

export async function countFormRows(db: DbOrTx) {
  return db.select({ formId: formRows.formId, n: sql<number>`count(*)::int` }).from(formRows).groupBy(formRows.formId);
}

export async function insertForm(db: DbOrTx, form: typeof forms.$inferInsert, rows: (typeof formRows.$inferInsert)[]) {
  await db.insert(forms).values(form);
  if (rows.length) await db.insert(formRows).values(rows);
}

/** Each unit that must report the form, once, whether assigned itself or through one of its agencies. */
export async function assignedUnits(db: DbOrTx, formCode: string) {
  return db.selectDistinct({ unitId: formAssignments.unitId }).from(formAssignments).where(eq(formAssignments.formCode, formCode));
}

export async function agencyAssignments(db: DbOrTx, formCode: string, unitId?: string) {
  return db.select({ unitId: formAssignments.unitId, agencyId: formAssignments.agencyId }).from(formAssignments)
    .where(and(eq(formAssignments.formCode, formCode), sql`${formAssignments.agencyId} IS NOT NULL`, unitId ? eq(formAssignments.unitId, unitId) : undefined));
}

export async function countAssignments(db: DbOrTx) {
  return db.select({ formCode: formAssignments.formCode, n: sql<number>`count(DISTINCT ${formAssignments.unitId})::int` }).from(formAssignments).groupBy(formAssignments.formCode);
}

export async function replaceAssignments(db: DbOrTx, formCode: string, assignments: { unitId: string; agencyId: string | null }[]) {
  await db.delete(formAssignments).where(eq(formAssignments.formCode, formCode));
  if (assignments.length) await db.insert(formAssignments).values(assignments.map((a) => ({ formCode, ...a })));
}

export async function isAssigned(db: DbOrTx, formCode: string, unitId: string) {
  const [row] = await db.select({ unitId: formAssignments.unitId }).from(formAssignments).where(and(eq(formAssignments.formCode, formCode), eq(formAssignments.unitId, unitId)));
  return !!row;
}

// ── submissions ────────────────────────────────────────────────────────────────────────────────────
export async function findSubmission(db: DbOrTx, formCode: string, unitId: string, periodId: string, forUpdate = false) {
  const q = db.select().from(submissions).where(and(eq(submissions.formCode, formCode), eq(submissions.unitId, unitId), eq(submissions.periodId, periodId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function insertSubmission(db: DbOrTx, row: typeof submissions.$inferInsert) {
  await db.insert(submissions).values(row).onConflictDoNothing();
}

export async function updateSubmissionRow(db: DbOrTx, id: string, changes: Partial<typeof submissions.$inferInsert>) {
  await db.update(submissions).set({ ...changes, updatedAt: new Date() }).where(eq(submissions.id, id));
}

export async function submissionsOfPeriod(db: DbOrTx, formCode: string, periodId: string) {
  return db.select().from(submissions).where(and(eq(submissions.formCode, formCode), eq(submissions.periodId, periodId)));
}

// ── values ─────────────────────────────────────────────────────────────────────────────────────────
export interface ValueKey { indicatorId: string; unitId: string; periodType: string; periodId: string; optionKey: string }

export async function valuesOf(db: DbOrTx, f: { indicatorIds: string[]; unitIds: string[]; periodType: string; periodIds: string[] }, forUpdate = false) {
  if (!f.indicatorIds.length || !f.unitIds.length || !f.periodIds.length) return [];
  const q = db.select().from(indicatorValues).where(and(
    inArray(indicatorValues.indicatorId, f.indicatorIds), inArray(indicatorValues.unitId, f.unitIds),
    eq(indicatorValues.periodType, f.periodType), inArray(indicatorValues.periodId, f.periodIds),
  ));
  return forUpdate ? q.for('update') : q;
}

/**
 * Reported cells whose period starts in [from, to), for analytics: one row per indicator × unit × period,
 * the stored total (`direct`) and the sum, count, min and max of its disaggregated parts, computed in SQL.
 * Raw rows rather than mapped objects: this read can return a hundred thousand cells.
 */
const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

const intArray = (items: number[]) => sql`${`{${items.join(',')}}`}::int[]`;
/** A text[] literal for one parameter (drizzle would otherwise expand a JS array into a list). */
const textArray = (items: string[]) => sql`${`{${items.map((x) => `"${x.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`}::text[]`;

export type ReportedCell = {
  indicator_id: string; unit_id: string; period_type: string; period_id: string; period_start: string;
  direct: number | null; parts_sum: number | null; parts_n: number; parts_min: number | null; parts_max: number | null;
};

/**
 * Each reported cell's total (stored, or its parts) for the given source units and period starts. A cell is
 * left out when an ancestor of its unit among the same source units reported the same indicator and period:
 * the ancestor's own value stands for its subtree, so the roll-up would ignore the cell anyway.
 *
 * How: level by level from the top (a unit's level is how many of its ancestors are among the sources). A
 * unit none of whose ancestors reported anything is read whole, through the key index (indicator, unit, then
 * the period ids of the window). Below units that reported, only the indicator × periods they left out are
 * looked up, one index probe per period: a province whose districts report reads its districts' cells and
 * never touches their communes' (scanning and anti-joining every commune cell took 56 ms of a 60 ms
 * read over 3 M values). Which period types occur in the window is asked first, so that the periods left
 * out can be listed. What is read is filtered exactly here, so a read may safely return more.
 * On PostgreSQL the levels read one snapshot (a read-only repeatable-read transaction) without JIT, whose
 * compilation alone cost 40 ms at these plan costs.
 */
export async function cellsInRange(db: Db, f: {
  indicatorIds: string[]; unitIds: string[]; from: string; to: string; optionKey: string | null;
  ancestorPairs: { unitId: string; ancestorId: string }[];   // within unitIds
}): Promise<ReportedCell[]> {
  if (!f.indicatorIds.length || !f.unitIds.length) return [];
  const ancestorsOf = new Map<string, string[]>();
  for (const p of f.ancestorPairs) {
    const list = ancestorsOf.get(p.unitId);
    if (list) list.push(p.ancestorId); else ancestorsOf.set(p.unitId, [p.ancestorId]);
  }
  const levels: string[][] = [];
  for (const id of f.unitIds) (levels[ancestorsOf.get(id)?.length ?? 0] ??= []).push(id);

  const read = async (tx: DbOrTx) => {
    const present = await periodTypesInWindow(tx, f.indicatorIds, f.from, f.to);
    if (!present.length) return [];
    const windows = new Map<PeriodType, string[]>();   // type → the nominal ids a stored start in [from, to) can have
    for (const { period_type: type } of present) if (!windows.has(type)) windows.set(type, periodIdsOfWindow(type, f.from, f.to));
    const cells: ReportedCell[] = [];
    // unit → indicator|type → the periods it reported a value for
    const reported = new Map<string, Map<string, Set<string>>>();
    const coveredBy = (ancestors: string[], series: string, periodId: string) => ancestors.some((a) => reported.get(a)?.get(series)?.has(periodId));
    for (const [level, unitIds] of levels.entries()) {
      if (!unitIds?.length) continue;
      const groups = new Map<string, string[]>();       // units sharing their ancestors share what those cover
      for (const u of unitIds) {
        const chain = (ancestorsOf.get(u) ?? []).join(',');
        const list = groups.get(chain);
        if (list) list.push(u); else groups.set(chain, [u]);
      }
      const whole: string[] = [];
      const gaps = new Map<string, { units: string[]; keys: string[] }>();   // groups wanting the same periods read as one
      let gapKeys = 0;
      for (const [chain, units] of groups) {
        const ancestors = chain ? chain.split(',').filter((a) => reported.has(a)) : [];
        if (!ancestors.length) { whole.push(...units); continue; }
        const keys: string[] = [];
        for (const { indicator_id, period_type } of present) {
          const series = `${indicator_id}|${period_type}`;
          for (const id of windows.get(period_type)!) if (!coveredBy(ancestors, series, id)) keys.push(`${series}|${id}`);
        }
        const signature = keys.join(',');
        const same = gaps.get(signature);
        if (same) same.units.push(...units);
        else { gaps.set(signature, { units: [...units], keys }); gapKeys += keys.length; }
      }
      // Past some size a list of gaps costs more than reading the units whole.
      if (gapKeys > 20_000) { for (const g of gaps.values()) whole.push(...g.units); gaps.clear(); }
      const wholeCells = whole.length ? await readWholeUnits(tx, f, whole, windows) : [];
      const gapCells = gaps.size ? await readGaps(tx, f, [...gaps.values()]) : [];
      // What the next levels need: who reported which period (none below the last level).
      const remember = levels.slice(level + 1).some((l) => l?.length);
      const keep = (c: ReportedCell, series: string) => {
        cells.push(c);
        if (!remember || (c.direct === null && c.parts_n === 0)) return;
        let bySeries = reported.get(c.unit_id);
        if (!bySeries) { bySeries = new Map(); reported.set(c.unit_id, bySeries); }
        const ids = bySeries.get(series);
        if (ids) ids.add(c.period_id); else bySeries.set(series, new Set([c.period_id]));
      };
      // A unit read whole has no ancestor that reported anything; a gap read may return more than wanted.
      for (const c of wholeCells) keep(c, `${c.indicator_id}|${c.period_type}`);
      for (const c of gapCells) {
        const series = `${c.indicator_id}|${c.period_type}`;
        if (!coveredBy(ancestorsOf.get(c.unit_id) ?? [], series, c.period_id)) keep(c, series);
      }
    }
    return cells;
  };
  // PGlite runs one statement at a time anyway; a transaction there would hold back the request's other reads.
  if (!onPostgresServer(db)) return read(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL jit = off`);
    return read(tx);
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

type CellWindow = { indicatorIds: string[]; from: string; to: string; optionKey: string | null };

/**
 * The nominal ids of `type` that a period stored with a start in [from, to) can have: a cut-off day moves a
 * start back by less than a month (Decree 09: the 15th of the month before), never forward.
 */
function periodIdsOfWindow(type: PeriodType, from: string, to: string): string[] {
  const last = periodContaining(type, addDays(to, cutoffSlack(type))).id;
  const ids: string[] = [];
  for (let p = periodContaining(type, from); p.id <= last; p = shiftPeriod(p, 1)) ids.push(p.id);
  return ids;
}

/** Which indicator × period type has any value starting in [from, to): one index probe per pair. */
function periodTypesInWindow(tx: DbOrTx, indicatorIds: string[], from: string, to: string) {
  return selectRows<{ indicator_id: string; period_type: PeriodType }>(tx, sql`
    SELECT i.id AS indicator_id, t.type AS period_type
    FROM unnest(${uuidArray(indicatorIds)}) AS i(id) CROSS JOIN unnest(${textArray([...periodTypes])}) AS t(type)
    CROSS JOIN LATERAL (SELECT 1 FROM indicator_values v
      WHERE v.indicator_id = i.id AND v.period_type = t.type AND v.period_start >= ${from} AND v.period_start < ${to} LIMIT 1) AS x`);
}

// Stored rows, not totals, and packed: one row per indicator × unit × period type whose periods travel as
// one string (period id, start as days since 2000-01-01, option key, value; separated by control characters
// that no code contains). A province's two years are 8,250 cells: as rows, turning each one's two uuids,
// dates and numbers into text and back took 20 of the read's 27 ms; packed, 10. The cell's total and parts
// are summed here (cellsOf), which also spares the database a sort and aggregate per cell.
const cellColumns = sql`v.indicator_id, v.unit_id, v.period_type,
  string_agg(v.period_id || chr(31) || (v.period_start - DATE '2000-01-01') || chr(31) || v.option_key || chr(31) || coalesce(v.value::text, ''), chr(30)) AS packed`;
const cellGrouping = sql`GROUP BY v.indicator_id, v.unit_id, v.period_type`;
type PackedRow = { indicator_id: string; unit_id: string; period_type: string; packed: string };

const EPOCH_2000 = Date.UTC(2000, 0, 1);
const dayNames = new Map<number, string>();
function isoDay(daysSince2000: number): string {
  let name = dayNames.get(daysSince2000);
  if (name === undefined) { name = new Date(EPOCH_2000 + daysSince2000 * 86_400_000).toISOString().slice(0, 10); dayNames.set(daysSince2000, name); }
  return name;
}

/** One cell per indicator × unit × period: the stored total (`direct`) and the sum, count, min, max of its parts. */
function cellsOf(rows: PackedRow[], optionKey: string | null): ReportedCell[] {
  const option = optionKey ?? '';
  const out: ReportedCell[] = [];
  for (const r of rows) {
    const byPeriod = new Map<string, ReportedCell>();
    for (const record of r.packed.split('\x1e')) {
      const [periodId, days, optionOf, text] = record.split('\x1f') as [string, string, string, string];
      let c = byPeriod.get(periodId);
      if (!c) {
        c = { indicator_id: r.indicator_id, unit_id: r.unit_id, period_type: r.period_type, period_id: periodId, period_start: isoDay(Number(days)),
          direct: null, parts_sum: null, parts_n: 0, parts_min: null, parts_max: null };
        byPeriod.set(periodId, c);
        out.push(c);
      }
      if (text === '') continue;
      const value = Number(text);
      if (optionOf === option) c.direct = c.direct === null ? value : Math.max(c.direct, value);
      if (optionOf !== '') {
        c.parts_sum = (c.parts_sum ?? 0) + value;
        c.parts_n += 1;
        c.parts_min = c.parts_min === null ? value : Math.min(c.parts_min, value);
        c.parts_max = c.parts_max === null ? value : Math.max(c.parts_max, value);
      }
    }
  }
  return out;
}

const cellFilter = (f: CellWindow) => sql`v.period_start >= ${f.from} AND v.period_start < ${f.to}
  ${f.optionKey !== null ? sql`AND v.option_key = ${f.optionKey}` : sql``}`;

/** Every cell of some units in the window, through the key index: indicator, unit, period type, period id range. */
async function readWholeUnits(tx: DbOrTx, f: CellWindow, unitIds: string[], windows: Map<PeriodType, string[]>) {
  const ranges = [...windows].map(([type, ids]) => sql`(v.period_type = ${type} AND v.period_id >= ${ids[0]!} AND v.period_id <= ${ids.at(-1)!})`);
  return cellsOf(await selectRows<PackedRow>(tx, sql`
    SELECT ${cellColumns} FROM indicator_values v
    WHERE v.indicator_id = ANY(${uuidArray(f.indicatorIds)}) AND v.unit_id = ANY(${uuidArray(unitIds)})
      AND (${sql.join(ranges, sql` OR `)}) AND ${cellFilter(f)}
    ${cellGrouping}`), f.optionKey);
}

/**
 * The cells of groups of units at the indicator × periods their ancestors left out (`keys`, indicator|type|id):
 * one probe of the period index per distinct period, its rows kept for the units of a group that wants it.
 */
async function readGaps(tx: DbOrTx, f: CellWindow, gaps: { units: string[]; keys: string[] }[]) {
  const unitGroup = gaps.flatMap((g, n) => g.units.map((u) => [u, n] as const));
  const wanted = gaps.flatMap((g, n) => g.keys.map((k) => [n, ...k.split('|')] as [number, string, string, string]));
  const distinct = [...new Set(gaps.flatMap((g) => g.keys))].map((k) => {
    const [indicatorId, type, id] = k.split('|') as [string, PeriodType, string];
    const start = periodRange({ type, id }).start;
    // The stored start lies within a month before the nominal one (a cut-off day), and inside the window.
    const lo = maxDate(f.from, addDays(start, -cutoffSlack(type))); const hi = minDate(f.to, addDays(start, 1));
    return { indicatorId, type, id, lo, hi };
  }).filter((k) => k.lo < k.hi);
  if (!distinct.length) return [];
  return cellsOf(await selectRows<PackedRow>(tx, sql`
    WITH g(unit_id, grp) AS (SELECT * FROM unnest(${uuidArray(unitGroup.map((x) => x[0]))}, ${intArray(unitGroup.map((x) => x[1]))})),
         w(grp, indicator_id, period_type, period_id) AS (
           SELECT * FROM unnest(${intArray(wanted.map((x) => x[0]))}, ${uuidArray(wanted.map((x) => x[1]))}, ${textArray(wanted.map((x) => x[2]))}, ${textArray(wanted.map((x) => x[3]))})),
         k(indicator_id, period_type, period_id, lo, hi) AS (
           SELECT * FROM unnest(${uuidArray(distinct.map((x) => x.indicatorId))}, ${textArray(distinct.map((x) => x.type))},
             ${textArray(distinct.map((x) => x.id))}, ${textArray(distinct.map((x) => x.lo))}::date[], ${textArray(distinct.map((x) => x.hi))}::date[]))
    SELECT ${cellColumns}
    FROM k CROSS JOIN LATERAL (
      SELECT * FROM indicator_values v0
      WHERE v0.indicator_id = k.indicator_id AND v0.period_type = k.period_type AND v0.period_start >= k.lo AND v0.period_start < k.hi
        AND v0.period_id = k.period_id
      OFFSET 0) v  -- not pulled up: probe per distinct period, not per unit × period
    JOIN g ON g.unit_id = v.unit_id
    WHERE ${cellFilter(f)}
      AND EXISTS (SELECT 1 FROM w WHERE w.grp = g.grp AND w.indicator_id = v.indicator_id AND w.period_type = v.period_type AND w.period_id = v.period_id)
    ${cellGrouping}`), f.optionKey);
}

/** How many days a cut-off day can move a period's start back: month-based periods only. */
const cutoffSlack = (type: PeriodType) => (type === 'daily' || type === 'weekly' ? 0 : 31);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

/** Inserts or updates many cells in one statement per 1,000; every update bumps the cell's version. */
export async function upsertValues(db: DbOrTx, rows: (ValueKey & { periodStart: string; value: number | null; comment: string | null; submissionId: string | null; updatedBy: string })[]) {
  const out: { id: number; indicatorId: string; optionKey: string }[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000).map((r) => ({ ...r, version: 1 }));
    out.push(...await db.insert(indicatorValues).values(chunk)
      .onConflictDoUpdate({
        target: [indicatorValues.indicatorId, indicatorValues.unitId, indicatorValues.periodType, indicatorValues.periodId, indicatorValues.optionKey],
        set: {
          value: sql`excluded.value`, comment: sql`excluded.comment`, submissionId: sql`excluded.submission_id`, updatedBy: sql`excluded.updated_by`,
          updatedAt: sql`now()`, version: sql`${indicatorValues.version} + 1`,
        },
      })
      .returning({ id: indicatorValues.id, indicatorId: indicatorValues.indicatorId, optionKey: indicatorValues.optionKey }));
  }
  return out;
}

export async function insertValueChanges(db: DbOrTx, rows: (typeof valueChanges.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(valueChanges).values(rows.slice(i, i + 1000));
}

export async function valueHistory(db: DbOrTx, key: ValueKey) {
  return db.select({ at: valueChanges.at, actorName: valueChanges.actorName, oldValue: valueChanges.oldValue, newValue: valueChanges.newValue, comment: valueChanges.comment, source: valueChanges.source })
    .from(valueChanges).innerJoin(indicatorValues, eq(indicatorValues.id, valueChanges.valueId))
    .where(and(eq(indicatorValues.indicatorId, key.indicatorId), eq(indicatorValues.unitId, key.unitId), eq(indicatorValues.periodType, key.periodType),
      eq(indicatorValues.periodId, key.periodId), eq(indicatorValues.optionKey, key.optionKey)))
    .orderBy(desc(valueChanges.at), desc(valueChanges.id));
}

// ── targets and rules ──────────────────────────────────────────────────────────────────────────────
export async function upsertTarget(db: DbOrTx, t: typeof targets.$inferInsert) {
  await db.insert(targets).values(t).onConflictDoUpdate({
    target: [targets.indicatorId, targets.unitId, targets.year],
    set: { annual: t.annual, monthly: t.monthly ?? null, updatedAt: new Date() },
  });
}

export async function targetsOf(db: DbOrTx, unitId: string, year: number, indicatorIds: string[]) {
  if (!indicatorIds.length) return [];
  return db.select().from(targets).where(and(eq(targets.unitId, unitId), eq(targets.year, year), inArray(targets.indicatorId, indicatorIds)));
}

export async function indicatorIdsWithTargets(db: DbOrTx, unitId: string, year: number) {
  return db.select({ indicatorId: targets.indicatorId }).from(targets).where(and(eq(targets.unitId, unitId), eq(targets.year, year)));
}

export async function rulesFor(db: DbOrTx, formCode: string) {
  return db.select().from(validationRules).where(or(eq(validationRules.formCode, formCode), sql`${validationRules.formCode} IS NULL`));
}

export async function listRules(db: DbOrTx) {
  return db.select().from(validationRules).orderBy(asc(validationRules.code));
}

export async function insertRules(db: DbOrTx, rows: (typeof validationRules.$inferInsert)[]) {
  if (rows.length) await db.insert(validationRules).values(rows);
}

/** Reports of the given units, newest period first, with their form version's names. */
export async function listSubmissions(db: DbOrTx, f: { unitIds: string[]; state?: string | undefined; formCode?: string | undefined; periodId?: string | undefined; limit: number }) {
  if (f.unitIds.length === 0) return [];
  return db.select({ s: submissions, formName: forms.name, formNameEn: forms.nameEn })
    .from(submissions).innerJoin(forms, eq(forms.id, submissions.formId))
    .where(and(
      inArray(submissions.unitId, f.unitIds),
      f.state ? eq(submissions.state, f.state) : undefined,
      f.formCode ? eq(submissions.formCode, f.formCode) : undefined,
      f.periodId ? eq(submissions.periodId, f.periodId) : undefined,
    ))
    .orderBy(desc(submissions.periodId), asc(submissions.formCode), desc(submissions.submittedAt))
    .limit(f.limit);
}
