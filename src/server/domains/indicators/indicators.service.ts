// The indicator catalog, disaggregations and versioned report forms.
import { uuidv7 } from 'uuidv7';
import type {
  CreateDimensionBody, CreateFormBody, CreateIndicatorBody, CreateValidationRuleBody, Dimension, Form, FormSummary, Indicator, UpdateIndicatorBody, ValidationRule,
} from '../../../shared/contracts/indicators.js';
import { can } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { findVisibleUnit } from '../units/units.service.js';
import { agenciesByIds, findVisibleAgency } from '../units/agencies.service.js';
import { findCycle, FormulaError, parseFormula } from './formulas.js';
import {
  agencyAssignments, allFormulas, assignedUnits, countAssignments, countFormRows, findIndicatorById, findIndicatorsByCodes, formRowsOf, formVersions, insertDimension,
  insertForm, insertIndicator, insertRules, listDimensions, listFormVersions, listIndicators, listRules, replaceAssignments, updateIndicatorRow,
} from './indicators.queries.js';
import type { FormRow, IndicatorRow } from './indicators.table.js';
import { isValidPeriod, type Period, type PeriodType, periodRange } from './periods.js';
import { parseRuleParams, type RuleParams } from './validation.js';

export function toIndicator(r: IndicatorRow): Indicator {
  return {
    id: r.id, code: r.code, name: r.name, nameEn: r.nameEn, measureUnit: r.measureUnit, sector: r.sector as Indicator['sector'],
    valueType: r.valueType as Indicator['valueType'], unitAggregation: r.unitAggregation as Indicator['unitAggregation'],
    timeAggregation: r.timeAggregation as Indicator['timeAggregation'], decimals: r.decimals, minValue: r.minValue, maxValue: r.maxValue,
    ownerAgencyId: r.ownerAgencyId, formula: r.formula, dimensionCodes: r.dimensionCodes, description: r.description, legalBasis: r.legalBasis,
    higherIsBetter: r.higherIsBetter, updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listIndicatorsFor(ctx: RequestContext, q: { q?: string | undefined; sector?: string | undefined }): Promise<Indicator[]> {
  can(ctx.actor, 'indicators:read');
  return (await listIndicators(ctx.db, { q: q.q?.normalize('NFC'), sector: q.sector })).map(toIndicator);
}

export async function getIndicator(ctx: RequestContext, id: string): Promise<Indicator> {
  can(ctx.actor, 'indicators:read');
  const row = await findIndicatorById(ctx.db, id);
  if (!row) throw new AppError('not-found');
  return toIndicator(row);
}

/** Parses a formula, checks that it uses known indicators and that no cycle appears. */
async function checkFormula(db: DbOrTx, code: string, formula: string | null | undefined): Promise<void> {
  if (!formula) return;
  let refs: string[];
  try {
    refs = [...new Set(parseFormula(formula).references.map((r) => r.code))];
  } catch (err) {
    if (err instanceof FormulaError) throw new AppError('formula-invalid', { title: err.message, detail: err.messageVi });
    throw err;
  }
  const known = new Set((await findIndicatorsByCodes(db, refs)).map((i) => i.code));
  const unknown = refs.filter((r) => !known.has(r) && r !== code);
  if (unknown.length) throw new AppError('formula-invalid', { title: `Unknown indicators in the formula: ${unknown.join(', ')}`, detail: `Công thức dùng mã chỉ tiêu không tồn tại: ${unknown.join(', ')}` });
  const graph = new Map<string, string[]>();
  for (const f of await allFormulas(db)) if (f.formula && f.code !== code) graph.set(f.code, parseFormula(f.formula).references.map((r) => r.code));
  graph.set(code, refs);
  const cycle = findCycle(graph);
  if (cycle) throw new AppError('formula-cycle', { title: `Formula cycle: ${cycle.join(' → ')}`, detail: `Vòng lặp công thức: ${cycle.join(' → ')}`, cycle });
}

async function checkDimensions(db: DbOrTx, codes: string[]) {
  const known = new Set((await listDimensions(db)).map((d) => d.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw new AppError('validation-failed', { errors: [{ path: 'body.dimensionCodes', message: `unknown dimensions: ${unknown.join(', ')}` }] });
}

export async function createIndicator(ctx: RequestContext, body: CreateIndicatorBody): Promise<Indicator> {
  can(ctx.actor, 'catalog:write');
  return ctx.db.transaction(async (tx) => {
    if ((await findIndicatorsByCodes(tx, [body.code])).length) throw new AppError('duplicate-code');
    await checkFormula(tx, body.code, body.formula);
    await checkDimensions(tx, body.dimensionCodes);
    const id = uuidv7();
    await insertIndicator(tx, { ...body, id, name: body.name.normalize('NFC'), minValue: body.minValue ?? null, maxValue: body.maxValue ?? null, ownerAgencyId: body.ownerAgencyId ?? null, formula: body.formula ?? null, description: body.description ?? null, legalBasis: body.legalBasis ?? null });
    const created = toIndicator((await findIndicatorById(tx, id))!);
    await audit(tx, ctx, { action: 'indicator.create', entityType: 'indicator', entityId: id, unitPath: null, after: created });
    await ctx.publish(tx, { topic: 'indicators', type: 'indicator.created', unitPath: null, ids: [id], data: { code: created.code, name: created.name } });
    return created;
  });
}

export async function updateIndicator(ctx: RequestContext, id: string, body: UpdateIndicatorBody): Promise<Indicator> {
  can(ctx.actor, 'catalog:write');
  return ctx.db.transaction(async (tx) => {
    const before = await findIndicatorById(tx, id);
    if (!before) throw new AppError('not-found');
    if (body.formula !== undefined) await checkFormula(tx, before.code, body.formula);
    if (body.dimensionCodes) await checkDimensions(tx, body.dimensionCodes);
    await updateIndicatorRow(tx, id, { ...body, ...(body.name ? { name: body.name.normalize('NFC') } : {}) });
    const after = toIndicator((await findIndicatorById(tx, id))!);
    await audit(tx, ctx, { action: 'indicator.update', entityType: 'indicator', entityId: id, unitPath: null, before: toIndicator(before), after });
    await ctx.publish(tx, { topic: 'indicators', type: 'indicator.updated', unitPath: null, ids: [id], data: { code: after.code, name: after.name } });
    return after;
  });
}

export async function listDimensionsFor(ctx: RequestContext): Promise<Dimension[]> {
  can(ctx.actor, 'indicators:read');
  return (await listDimensions(ctx.db)).map((d) => ({ id: d.id, code: d.code, name: d.name, nameEn: d.nameEn, options: d.options.map((o) => ({ code: o.code, name: o.name, nameEn: o.nameEn })) }));
}

export async function createDimension(ctx: RequestContext, body: CreateDimensionBody): Promise<Dimension> {
  can(ctx.actor, 'catalog:write');
  return ctx.db.transaction(async (tx) => {
    if ((await listDimensions(tx)).some((d) => d.code === body.code)) throw new AppError('duplicate-code');
    const id = uuidv7();
    await insertDimension(tx, { id, code: body.code, name: body.name, nameEn: body.nameEn }, body.options.map((o, i) => ({ id: uuidv7(), dimensionId: id, code: o.code, name: o.name, nameEn: o.nameEn, sort: i })));
    await audit(tx, ctx, { action: 'dimension.create', entityType: 'dimension', entityId: id, unitPath: null, after: body });
    return { id, ...body };
  });
}

/** The option combinations of an indicator's disaggregations: '' when it has none, else 'AGE=15_24;SEX=F' keys. */
export function optionCombinations(dimensionCodes: string[], dims: { code: string; options: { code: string; name: string; nameEn: string }[] }[]) {
  let combos: { key: string; label: string; labelEn: string }[] = [{ key: '', label: 'Tổng số', labelEn: 'Total' }];
  if (dimensionCodes.length === 0) return combos;
  combos = [{ key: '', label: '', labelEn: '' }];
  for (const code of [...dimensionCodes].sort()) {
    const dim = dims.find((d) => d.code === code);
    if (!dim) continue;
    combos = combos.flatMap((c) => dim.options.map((o) => ({
      key: c.key ? `${c.key};${code}=${o.code}` : `${code}=${o.code}`,
      label: c.label ? `${c.label} · ${o.name}` : o.name,
      labelEn: c.labelEn ? `${c.labelEn} · ${o.nameEn}` : o.nameEn,
    })));
  }
  return combos;
}

export function periodOfForm(form: Pick<FormRow, 'periodType'>, periodId: string): Period {
  const period = { type: form.periodType as PeriodType, id: periodId };
  if (!isValidPeriod(period)) throw new AppError('invalid-period', { detail: `Kỳ "${periodId}" không hợp lệ với biểu mẫu kỳ ${form.periodType}.` });
  return period;
}

/** The version of a form in force for a period (a period keeps the version it was reported on). */
export async function formVersionFor(db: DbOrTx, code: string, periodId: string | null): Promise<FormRow> {
  const versions = await formVersions(db, code);
  if (versions.length === 0) throw new AppError('not-found');
  if (periodId === null) return versions[0]!;
  const period = periodOfForm(versions[0]!, periodId);
  const start = periodRange(period).start;
  const version = versions.find((v) => periodRange({ type: period.type, id: v.validFromPeriod }).start <= start);
  if (!version) throw new AppError('invalid-period', { detail: `Biểu mẫu ${code} chưa áp dụng cho kỳ ${periodId}.` });
  return version;
}

/** A form version's header fields in the contract's shape (shared by the form, its summary and the entry grid). */
export function formHeader(f: FormRow) {
  return {
    id: f.id, code: f.code, version: f.version, name: f.name, nameEn: f.nameEn, periodType: f.periodType as Form['periodType'], cutoffDay: f.cutoffDay,
    deadlineDays: f.deadlineDays, reminderDays: f.reminderDays, validFromPeriod: f.validFromPeriod, legalBasis: f.legalBasis,
  };
}

export function formRowsOfContract(rows: Awaited<ReturnType<typeof formRowsOf>>): Form['rows'] {
  return rows.map((r) => ({ rowCode: r.rowCode, section: r.section, indicatorId: r.indicatorId, indicatorCode: r.indicatorCode, indicatorName: r.indicatorName, measureUnit: r.measureUnit, dimensionCodes: r.dimensionCodes }));
}

async function toForm(db: DbOrTx, f: FormRow): Promise<Form> {
  const rows = await formRowsOf(db, f.id); // sequential: `db` may be a transaction's single connection
  const assigned = await assignedUnits(db, f.code);
  const byAgency = await agencyAssignments(db, f.code);
  const agencies = await agenciesByIds(db, byAgency.map((a) => a.agencyId!));
  return {
    ...formHeader(f), rows: formRowsOfContract(rows), assignedUnitIds: assigned.map((a) => a.unitId),
    assignedAgencies: agencies.map((a) => ({ agencyId: a.id, agencyName: a.name, unitId: a.unitId })),
  };
}

export async function getForm(ctx: RequestContext, code: string, periodId?: string): Promise<Form> {
  can(ctx.actor, 'indicators:read');
  return toForm(ctx.db, await formVersionFor(ctx.db, code, periodId ?? null));
}

export async function listForms(ctx: RequestContext): Promise<FormSummary[]> {
  can(ctx.actor, 'indicators:read');
  const [versions, rowCounts, assignCounts] = await Promise.all([listFormVersions(ctx.db), countFormRows(ctx.db), countAssignments(ctx.db)]);
  const latest = versions.filter((v, i) => i === 0 || versions[i - 1]!.code !== v.code);
  return latest.map((f) => ({
    ...formHeader(f),
    rowCount: rowCounts.find((r) => r.formId === f.id)?.n ?? 0, assignedCount: assignCounts.find((a) => a.formCode === f.code)?.n ?? 0,
  }));
}

/** Creates a form, or the next version of an existing code (in force from validFromPeriod on). */
export async function createForm(ctx: RequestContext, body: CreateFormBody): Promise<Form> {
  can(ctx.actor, 'catalog:write');
  return ctx.db.transaction(async (tx) => {
    periodOfForm({ periodType: body.periodType }, body.validFromPeriod);
    const previous = await formVersions(tx, body.code);
    if (previous[0] && previous[0].periodType !== body.periodType) {
      throw new AppError('validation-failed', { errors: [{ path: 'body.periodType', message: 'a new version keeps the period type of the form' }] });
    }
    if (previous[0] && periodRange({ type: body.periodType, id: body.validFromPeriod }).start <= periodRange({ type: body.periodType, id: previous[0].validFromPeriod }).start) {
      throw new AppError('validation-failed', { errors: [{ path: 'body.validFromPeriod', message: 'a new version must start after the previous one' }] });
    }
    const codes = [...new Set(body.rows.map((r) => r.indicatorCode))];
    const inds = await findIndicatorsByCodes(tx, codes);
    const missing = codes.filter((c) => !inds.some((i) => i.code === c));
    const derived = inds.filter((i) => i.formula).map((i) => i.code);
    const dupRows = body.rows.map((r) => r.rowCode).filter((c, i, a) => a.indexOf(c) !== i);
    const errors = [
      ...missing.map((c) => ({ path: 'body.rows', message: `unknown indicator ${c}` })),
      ...derived.map((c) => ({ path: 'body.rows', message: `${c} is derived (computed from its formula) and cannot be reported` })),
      ...dupRows.map((c) => ({ path: 'body.rows', message: `row code ${c} repeats` })),
    ];
    if (errors.length) throw new AppError('validation-failed', { errors });
    const id = uuidv7();
    await insertForm(tx, {
      id, code: body.code, version: (previous[0]?.version ?? 0) + 1, name: body.name, nameEn: body.nameEn, periodType: body.periodType, cutoffDay: body.cutoffDay,
      deadlineDays: body.deadlineDays, reminderDays: body.reminderDays, validFromPeriod: body.validFromPeriod, legalBasis: body.legalBasis ?? null,
    }, body.rows.map((r, i) => ({ formId: id, rowCode: r.rowCode, section: r.section ?? null, indicatorId: inds.find((x) => x.code === r.indicatorCode)!.id, sort: i })));
    if (body.assignedUnitIds || body.assignedAgencyIds) {
      const assignments: { unitId: string; agencyId: string | null }[] = [];
      for (const unitId of new Set(body.assignedUnitIds ?? [])) assignments.push({ unitId: (await findVisibleUnit(ctx, tx, unitId)).id, agencyId: null });
      for (const agencyId of new Set(body.assignedAgencyIds ?? [])) {
        const agency = await findVisibleAgency(ctx, tx, agencyId);
        assignments.push({ unitId: agency.unitId, agencyId: agency.id });
      }
      await replaceAssignments(tx, body.code, assignments);
    }
    const form = await toForm(tx, (await formVersions(tx, body.code))[0]!);
    await audit(tx, ctx, { action: 'form.create', entityType: 'form', entityId: id, unitPath: null, after: { ...form, rows: form.rows.length } });
    await ctx.publish(tx, { topic: 'indicators', type: 'form.created', unitPath: null, ids: [id], data: { code: form.code, name: form.name, version: form.version } });
    return form;
  });
}

export async function listValidationRules(ctx: RequestContext): Promise<ValidationRule[]> {
  can(ctx.actor, 'indicators:read');
  return (await listRules(ctx.db)).map((r) => ({ ...r, kind: r.kind as ValidationRule['kind'], severity: r.severity as ValidationRule['severity'], params: r.params as Record<string, unknown> }));
}

export async function createValidationRule(ctx: RequestContext, body: CreateValidationRuleBody): Promise<ValidationRule> {
  can(ctx.actor, 'catalog:write');
  return ctx.db.transaction(async (tx) => {
    let params: RuleParams;
    try {
      params = parseRuleParams(body.kind, body.params);
    } catch (err) {
      const vi = err instanceof FormulaError ? err.messageVi : 'Tham số quy tắc không hợp lệ.';
      throw new AppError('validation-failed', { errors: [{ path: 'body.params', message: (err as Error).message }], detail: vi });
    }
    const codes = params.kind === 'comparison'
      ? [...parseFormula(params.left).references, ...parseFormula(params.right).references].map((r) => r.code)
      : [params.indicatorCode];
    const known = new Set((await findIndicatorsByCodes(tx, codes)).map((i) => i.code));
    const unknown = [...new Set(codes)].filter((c) => !known.has(c));
    if (unknown.length) throw new AppError('validation-failed', { errors: [{ path: 'body.params', message: `unknown indicators: ${unknown.join(', ')}` }] });
    if ((await listRules(tx)).some((r) => r.code === body.code)) throw new AppError('duplicate-code');
    const id = uuidv7();
    await insertRules(tx, [{ id, code: body.code, name: body.name, nameEn: body.nameEn, kind: body.kind, severity: body.severity, formCode: body.formCode ?? null, params: body.params }]);
    await audit(tx, ctx, { action: 'validation-rule.create', entityType: 'validation_rule', entityId: id, unitPath: null, after: body });
    return { id, code: body.code, name: body.name, nameEn: body.nameEn, kind: body.kind, severity: body.severity, formCode: body.formCode ?? null, params: body.params };
  });
}
