// All SQL of the indicators domain: catalog, forms, submissions, values, targets, rules.
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, likePattern, onPostgresServer, selectRows } from '../../db/client.js';
import {
  dimensionOptions, dimensions, formAssignments, formRows, forms, indicators, indicatorValues, submissions, targets, validationRules, valueChanges,
} from './indicators.table.js';

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

/**
 * Each reported cell's total (stored, or its parts) for the given source units and period starts. A cell is
 * left out when an ancestor of its unit among the same source units reported the same indicator and period:
 * the ancestor's own value stands for its subtree, so the roll-up would ignore the cell anyway (and a
 * province overview reads a tenth of the rows).
 *
 * How: `covered` lists, per indicator and period, the ancestors that reported it (a few hundred rows, from
 * the few units that are ancestors); each stored row is dropped before aggregation when its unit's ancestors
 * overlap that list — one hash probe per row, instead of anti-joining every cell against every descendant.
 * The planner, estimating ten times the covered keys there are, would sort the rows for a merge join
 * instead (measured 570 ms against 115 ms for a province's year to date): merge joins are off for this
 * statement, in its own transaction (hence a database, not a caller's transaction).
 */
export async function cellsInRange(db: Db, f: {
  indicatorIds: string[]; unitIds: string[]; from: string; to: string; optionKey: string | null;
  ancestorPairs: { unitId: string; ancestorId: string }[];   // within unitIds
}) {
  if (!f.indicatorIds.length || !f.unitIds.length) return [];
  const option = f.optionKey ?? '';
  const inRange = (t: string) => sql`${sql.raw(t)}.indicator_id = ANY(${uuidArray(f.indicatorIds)}) AND ${sql.raw(t)}.period_start >= ${f.from}
    AND ${sql.raw(t)}.period_start < ${f.to} ${f.optionKey !== null ? sql`AND ${sql.raw(t)}.option_key = ${option}` : sql``}`;
  const ancestorIds = [...new Set(f.ancestorPairs.map((p) => p.ancestorId))];
  type Cell = {
    indicator_id: string; unit_id: string; period_type: string; period_id: string; period_start: string;
    direct: number | null; parts_sum: number | null; parts_n: number; parts_min: number | null; parts_max: number | null;
  };
  const query = sql`
    WITH ancestors AS MATERIALIZED (
      SELECT unit_id, array_agg(ancestor_id) AS ancestor_ids
      FROM unnest(${uuidArray(f.ancestorPairs.map((p) => p.unitId))}, ${uuidArray(f.ancestorPairs.map((p) => p.ancestorId))}) AS x(unit_id, ancestor_id)
      GROUP BY unit_id
    ),
    covered AS MATERIALIZED (
      SELECT indicator_id, period_type, period_id, array_agg(DISTINCT unit_id) AS unit_ids
      FROM indicator_values r
      WHERE ${inRange('r')} AND r.unit_id = ANY(${uuidArray(ancestorIds)}) AND r.value IS NOT NULL
      GROUP BY indicator_id, period_type, period_id
    )
    SELECT to_char(v.period_start, 'YYYY-MM-DD') AS period_start, v.indicator_id, v.unit_id, v.period_type, v.period_id,
           max(v.value) FILTER (WHERE v.option_key = ${option}) AS direct,
           sum(v.value) FILTER (WHERE v.option_key <> '') AS parts_sum,
           count(v.value) FILTER (WHERE v.option_key <> '')::int AS parts_n,
           min(v.value) FILTER (WHERE v.option_key <> '') AS parts_min,
           max(v.value) FILTER (WHERE v.option_key <> '') AS parts_max
    FROM indicator_values v
    LEFT JOIN ancestors a ON a.unit_id = v.unit_id
    LEFT JOIN covered c ON c.indicator_id = v.indicator_id AND c.period_type = v.period_type AND c.period_id = v.period_id
    WHERE ${inRange('v')} AND v.unit_id = ANY(${uuidArray(f.unitIds)})
      AND NOT coalesce(a.ancestor_ids && c.unit_ids, false)
    GROUP BY v.indicator_id, v.unit_id, v.period_type, v.period_id, v.period_start`;
  if (!onPostgresServer(db)) return selectRows<Cell>(db, query);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_mergejoin = off`);
    return selectRows<Cell>(tx, query);
  });
}

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
