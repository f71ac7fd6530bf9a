// Reports: the entry grid of one form × unit × period, saving with conflict detection, the workflow
// draft → submitted → returned/approved → locked, value history, and completeness with late units.
import { uuidv7 } from 'uuidv7';
import type {
  Completeness, DataQuality, Entry, EntryCell, ListReportsQuery, ReportList, SaveEntryBody, SaveEntryResult, Submission, SubmissionState, ValidationResult,
} from '../../../shared/contracts/indicators.js';
import { type Actor, assertVisible, can, hasPermission, isInScope } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import { addDays, todayInVietnam } from '../../core/calendar.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { agenciesByIds } from '../units/agencies.service.js';
import { findVisibleUnit, isValidOn, unitsByIds, unitsOfScopeOn, unitsUnderPath } from '../units/units.service.js';
import { formHeader, formRowsOfContract, formVersionFor, optionCombinations, periodOfForm } from './indicators.service.js';
import { enqueueApprovedReport } from './national-push.js';
import {
  agencyAssignments, assignedUnits, findIndicatorsByCodes, findSubmission, formRowsOf, insertSubmission, insertValueChanges, isAssigned, listDimensions, listSubmissions, rulesFor,
  submissionsOfPeriod, updateSubmissionRow, upsertValues, valueHistory, valuesOf,
} from './indicators.queries.js';
import type { FormRow, SubmissionRow, ValueRow } from './indicators.table.js';
import { deadlineOf, type Period, periodRange, previousPeriod, samePeriodLastYear } from './periods.js';
import { checkRules, parseRuleParams, type Rule } from './validation.js';

const EDITABLE: SubmissionState[] = ['draft', 'returned'];

interface ReportContext {
  form: FormRow;
  period: Period;
  unit: { id: string; name: string; path: string; level: number };
  rows: Awaited<ReturnType<typeof formRowsOf>>;
  options: Map<string, { key: string; label: string; labelEn: string }[]>; // by indicator code
  dueOn: string;
  reportingAgencies: { id: string; name: string }[];   // when the form is assigned to agencies of the unit
}

async function loadReport(ctx: RequestContext, db: DbOrTx, formCode: string, unitId: string, periodId: string): Promise<ReportContext> {
  const form = await formVersionFor(db, formCode, periodId);
  const period = periodOfForm(form, periodId);
  const unit = await findVisibleUnit(ctx, db, unitId);
  if (!(await isAssigned(db, formCode, unitId))) throw new AppError('not-assigned');
  const rows = await formRowsOf(db, form.id);
  const dims = await listDimensions(db);
  const options = new Map(rows.map((r) => [r.indicatorCode, optionCombinations(r.dimensionCodes, dims)]));
  const reportingAgencies = (await agenciesByIds(db, (await agencyAssignments(db, formCode, unitId)).map((a) => a.agencyId!))).map((a) => ({ id: a.id, name: a.name }));
  return {
    form, period, unit: { id: unit.id, name: unit.name, path: unit.path, level: unit.level }, rows, options,
    dueOn: deadlineOf(period, form.cutoffDay, form.deadlineDays), reportingAgencies,
  };
}

/** A form assigned to agencies is entered by their staff; a unit's own (agency-less) staff may still enter it. */
function mayEnter(actor: Actor, r: ReportContext): boolean {
  if (!hasPermission(actor, 'values:enter')) return false;
  return r.reportingAgencies.length === 0 || actor.agencyId === null || r.reportingAgencies.some((a) => a.id === actor.agencyId);
}

function assertMayEnter(actor: Actor, r: ReportContext): void {
  if (mayEnter(actor, r)) return;
  const names = r.reportingAgencies.map((a) => a.name).join(', ');
  throw new AppError('forbidden', { title: `This report is entered by ${names}.`, detail: `Báo cáo này do ${names} nhập và gửi.` });
}

function vnDate(at: Date): string {
  return todayInVietnam(at);
}

export function isLateReport(dueOn: string, firstSubmittedAt: Date | null, today = todayInVietnam()): boolean {
  return firstSubmittedAt ? vnDate(firstSubmittedAt) > dueOn : today > dueOn;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000);
}

function toSubmission(r: ReportContext, s: SubmissionRow | null): Submission {
  const range = periodRange(r.period, r.form.cutoffDay);
  return {
    id: s?.id ?? null, formCode: r.form.code, formVersion: r.form.version, unitId: r.unit.id, unitName: r.unit.name, periodId: r.period.id,
    periodStart: range.start, periodEnd: range.end, dueOn: r.dueOn, state: (s?.state ?? 'draft') as SubmissionState,
    submittedAt: s?.submittedAt?.toISOString() ?? null, decidedAt: s?.decidedAt?.toISOString() ?? null, reason: s?.reason ?? null,
    isLate: isLateReport(r.dueOn, s?.firstSubmittedAt ?? null),
  };
}

/** An approver works at a level above the report's unit (or on a province's own report from its scope). */
export function isApproverOf(actor: Actor, unit: { path: string; level: number }): boolean {
  if (!hasPermission(actor, 'values:approve') || !isInScope(actor.scopePath, unit.path)) return false;
  return actor.scopePath !== unit.path || unit.level <= 1;
}

function totalsOf(values: ValueRow[], codeOf: Map<string, string>): Map<string, number> {
  const totals = new Map<string, number>();
  const direct = new Set<string>();
  for (const v of values) {
    if (v.value === null) continue;
    const code = codeOf.get(v.indicatorId)!;
    if (v.optionKey === '') { totals.set(code, v.value); direct.add(code); }
  }
  for (const v of values) {
    if (v.value === null || v.optionKey === '') continue;
    const code = codeOf.get(v.indicatorId)!;
    if (!direct.has(code)) totals.set(code, (totals.get(code) ?? 0) + v.value);
  }
  return totals;
}

async function validate(db: DbOrTx, r: ReportContext, current: ValueRow[], previous: ValueRow[], rules?: Rule[]): Promise<ValidationResult[]> {
  const codeOf = new Map(r.rows.map((row) => [row.indicatorId, row.indicatorCode]));
  const relevant = rules ?? await rulesOfForm(db, r);
  const children = relevant.some((rule) => rule.params.kind === 'children_sum') ? await childrenTotals(db, r, codeOf) : undefined;
  return checkRules(relevant, { current: totalsOf(current, codeOf), previous: totalsOf(previous, codeOf), ...(children ? { children } : {}) });
}

/** The form's rules that touch its indicators (a rule that no longer parses is skipped, not fatal). */
async function rulesOfForm(db: DbOrTx, r: Pick<ReportContext, 'form' | 'rows'>): Promise<Rule[]> {
  const rules: Rule[] = (await rulesFor(db, r.form.code)).flatMap((rule) => {
    try {
      return [{ code: rule.code, name: rule.name, nameEn: rule.nameEn, severity: rule.severity as Rule['severity'], params: parseRuleParams(rule.kind, rule.params as Record<string, unknown>) }];
    } catch {
      return [];
    }
  });
  const formCodes = new Set(r.rows.map((row) => row.indicatorCode));
  return rules.filter((rule) => {
    const p = rule.params;
    if (p.kind === 'comparison') return [p.left, p.right].some((e) => [...formCodes].some((c) => new RegExp(`\\b${c}\\b`).test(e)));
    return formCodes.has(p.indicatorCode);
  });
}

/**
 * The data-quality view of a form's period: every report in scope that has values, with the rules it fails
 * (blocking and warnings), worst first. Values are read for all units at once.
 */
export async function qualityOf(ctx: RequestContext, formCode: string, periodId: string): Promise<DataQuality> {
  can(ctx.actor, 'indicators:read');
  const form = await formVersionFor(ctx.db, formCode, periodId);
  const period = periodOfForm(form, periodId);
  const rows = await formRowsOf(ctx.db, form.id);
  const rules = await rulesOfForm(ctx.db, { form, rows });
  const lastDay = addDays(periodRange(period, form.cutoffDay).end, -1);
  const units = (await expectedReporters(ctx.db, formCode, lastDay)).filter((u) => isInScope(ctx.actor.scopePath, u.path));
  const indicatorIds = [...new Set(rows.map((row) => row.indicatorId))];
  const unitIds = units.map((u) => u.id);
  const current = await valuesOf(ctx.db, { indicatorIds, unitIds, periodType: period.type, periodIds: [period.id] });
  const previous = await valuesOf(ctx.db, { indicatorIds, unitIds, periodType: period.type, periodIds: [previousPeriod(period).id] });
  const states = new Map((await submissionsOfPeriod(ctx.db, formCode, period.id)).map((s) => [s.unitId, s.state]));
  const reports = [];
  for (const unit of units) {
    const mine = current.filter((v) => v.unitId === unit.id);
    if (mine.length === 0) continue;
    const r = { form, period, rows, unit: { id: unit.id, name: unit.name, path: unit.path, level: unit.level }, options: new Map(), dueOn: '', reportingAgencies: [] };
    const failures = await validate(ctx.db, r, mine, previous.filter((v) => v.unitId === unit.id), rules);
    reports.push({ unitId: unit.id, unitName: unit.name, state: (states.get(unit.id) ?? 'draft') as SubmissionState, failures });
  }
  const weight = (f: ValidationResult[]) => f.filter((x) => x.severity === 'blocking').length * 1000 + f.length;
  reports.sort((a, b) => weight(b.failures) - weight(a.failures) || a.unitName.localeCompare(b.unitName, 'vi'));
  return {
    formCode, periodId: period.id, rules: rules.length, checked: reports.length,
    blocking: reports.filter((x) => x.failures.some((f) => f.severity === 'blocking')).length,
    warnings: reports.filter((x) => x.failures.some((f) => f.severity === 'warning')).length,
    reports,
  };
}

/** What the units directly below reported for the same period (units as they stood on its last day). */
async function childrenTotals(db: DbOrTx, r: ReportContext, codeOf: Map<string, string>) {
  const lastDay = addDays(periodRange(r.period, r.form.cutoffDay).end, -1);
  const below = (await unitsOfScopeOn(db, r.unit.path, lastDay)).filter((u) => u.parentId === r.unit.id);
  const out = new Map<string, { sum: number; reported: number }>();
  if (below.length === 0) return out;
  const values = await valuesOf(db, { indicatorIds: [...codeOf.keys()], unitIds: below.map((u) => u.id), periodType: r.period.type, periodIds: [r.period.id] });
  for (const unit of below) {
    for (const [code, total] of totalsOf(values.filter((v) => v.unitId === unit.id), codeOf)) {
      const entry = out.get(code) ?? { sum: 0, reported: 0 };
      out.set(code, { sum: entry.sum + total, reported: entry.reported + 1 });
    }
  }
  return out;
}

async function readCells(db: DbOrTx, r: ReportContext, forUpdate = false) {
  const indicatorIds = [...new Set(r.rows.map((row) => row.indicatorId))];
  const prev = previousPeriod(r.period);
  const lastYear = samePeriodLastYear(r.period);
  // One after another: inside a transaction all three share one connection.
  const current = await valuesOf(db, { indicatorIds, unitIds: [r.unit.id], periodType: r.period.type, periodIds: [r.period.id] }, forUpdate);
  const before = await valuesOf(db, { indicatorIds, unitIds: [r.unit.id], periodType: r.period.type, periodIds: [prev.id] });
  const yearAgo = await valuesOf(db, { indicatorIds, unitIds: [r.unit.id], periodType: r.period.type, periodIds: [lastYear.id] });
  return { current, before, yearAgo };
}

function buildCells(r: ReportContext, current: ValueRow[], before: ValueRow[], yearAgo: ValueRow[]): EntryCell[] {
  const key = (v: { indicatorId: string; optionKey: string }) => `${v.indicatorId}|${v.optionKey}`;
  const cur = new Map(current.map((v) => [key(v), v]));
  const prev = new Map(before.map((v) => [key(v), v.value]));
  const ly = new Map(yearAgo.map((v) => [key(v), v.value]));
  return r.rows.flatMap((row) => r.options.get(row.indicatorCode)!.map((o) => {
    const k = `${row.indicatorId}|${o.key}`;
    const v = cur.get(k);
    return {
      rowCode: row.rowCode, indicatorCode: row.indicatorCode, optionKey: o.key, value: v?.value ?? null, comment: v?.comment ?? null,
      version: v?.version ?? 0, updatedAt: v?.updatedAt.toISOString() ?? null, updatedBy: v?.updatedBy ?? null,
      previous: prev.get(k) ?? null, lastYear: ly.get(k) ?? null,
    };
  }));
}

export async function getEntry(ctx: RequestContext, formCode: string, unitId: string, periodId: string): Promise<Entry> {
  can(ctx.actor, 'indicators:read');
  const r = await loadReport(ctx, ctx.db, formCode, unitId, periodId);
  const [submission, cells] = await Promise.all([findSubmission(ctx.db, formCode, unitId, r.period.id), readCells(ctx.db, r)]);
  const sub = toSubmission(r, submission);
  return {
    form: { ...formHeader(r.form), rows: formRowsOfContract(r.rows), assignedAgencies: r.reportingAgencies.map((a) => ({ agencyId: a.id, agencyName: a.name, unitId: r.unit.id })) },
    submission: sub,
    cells: buildCells(r, cells.current, cells.before, cells.yearAgo),
    optionKeys: Object.fromEntries(r.options),
    validation: await validate(ctx.db, r, cells.current, cells.before),
    editable: EDITABLE.includes(sub.state) && mayEnter(ctx.actor, r),
  };
}

interface IncomingValue { rowCode: string; optionKey: string; value: number | null; comment?: string | null | undefined; baseVersion?: number | undefined }

/** Type, range and shape checks of incoming values; throws value-invalid listing every bad cell. */
async function checkValues(db: DbOrTx, r: ReportContext, values: IncomingValue[]) {
  const inds = new Map((await findIndicatorsByCodes(db, [...new Set(r.rows.map((x) => x.indicatorCode))])).map((i) => [i.code, i]));
  const errors: { path: string; message: string; messageVi: string }[] = [];
  const seen = new Set<string>();
  const resolved = values.map((v, i) => {
    const row = r.rows.find((x) => x.rowCode === v.rowCode);
    const path = `values.${i}`;
    if (!row) { errors.push({ path, message: `row ${v.rowCode} is not on form ${r.form.code} v${r.form.version}`, messageVi: `Dòng ${v.rowCode} không có trong biểu ${r.form.code} phiên bản ${r.form.version}` }); return null; }
    const ind = inds.get(row.indicatorCode)!;
    if (!r.options.get(row.indicatorCode)!.some((o) => o.key === v.optionKey)) { errors.push({ path, message: `option "${v.optionKey}" is not a disaggregation of ${ind.code}`, messageVi: `"${v.optionKey}" không phải phân tổ của ${ind.code}` }); return null; }
    const k = `${v.rowCode}|${v.optionKey}`;
    if (seen.has(k)) { errors.push({ path, message: `cell ${k} appears twice`, messageVi: `Ô ${k} xuất hiện hai lần` }); return null; }
    seen.add(k);
    if (v.value !== null) {
      if ((ind.valueType === 'integer' || ind.valueType === 'vnd') && !Number.isInteger(v.value)) errors.push({ path, message: `${ind.code} takes whole numbers`, messageVi: `${ind.code} chỉ nhận số nguyên` });
      const min = ind.minValue ?? (ind.valueType === 'percent' ? 0 : null);
      const max = ind.maxValue ?? (ind.valueType === 'percent' ? 100 : null);
      if (min !== null && v.value < min) errors.push({ path, message: `${ind.code}: ${v.value} is below the minimum ${min}`, messageVi: `${ind.code}: ${v.value} nhỏ hơn giá trị tối thiểu ${min}` });
      if (max !== null && v.value > max) errors.push({ path, message: `${ind.code}: ${v.value} is above the maximum ${max}`, messageVi: `${ind.code}: ${v.value} vượt quá giá trị tối đa ${max}` });
    }
    return { ...v, indicatorId: row.indicatorId };
  });
  if (errors.length) throw new AppError('value-invalid', { errors });
  return resolved as (IncomingValue & { indicatorId: string })[];
}

async function ensureSubmission(tx: DbOrTx, r: ReportContext): Promise<SubmissionRow> {
  const existing = await findSubmission(tx, r.form.code, r.unit.id, r.period.id, true);
  if (existing) return existing;
  await insertSubmission(tx, { id: uuidv7(), formId: r.form.id, formCode: r.form.code, unitId: r.unit.id, periodId: r.period.id, state: 'draft', dueOn: r.dueOn });
  return (await findSubmission(tx, r.form.code, r.unit.id, r.period.id, true))!;
}

async function writeValues(ctx: RequestContext, tx: DbOrTx, r: ReportContext, submission: SubmissionRow, values: (IncomingValue & { indicatorId: string })[], source: 'entry' | 'api' | 'excel', checkVersions: boolean) {
  const { current } = await readCells(tx, r, true);
  const byKey = new Map(current.map((v) => [`${v.indicatorId}|${v.optionKey}`, v]));
  if (checkVersions) {
    const conflicts = values.flatMap((v) => {
      const existing = byKey.get(`${v.indicatorId}|${v.optionKey}`);
      const currentVersion = existing?.version ?? 0;
      return currentVersion === (v.baseVersion ?? 0) ? [] : [{
        rowCode: v.rowCode, optionKey: v.optionKey, yourVersion: v.baseVersion ?? 0, currentVersion, currentValue: existing?.value ?? null,
        updatedBy: existing?.updatedBy ?? null, updatedAt: existing?.updatedAt.toISOString() ?? null,
      }];
    });
    if (conflicts.length) throw new AppError('stale-value', { conflicts });
  }
  const range = periodRange(r.period, r.form.cutoffDay);
  const changed = values.flatMap((v) => {
    const existing = byKey.get(`${v.indicatorId}|${v.optionKey}`);
    const comment = v.comment === undefined ? existing?.comment ?? null : v.comment;
    if (existing && existing.value === v.value && existing.comment === comment) return []; // nothing changed: no new version
    return [{ v, existing, comment }];
  });
  const written = await upsertValues(tx, changed.map(({ v, comment }) => ({
    indicatorId: v.indicatorId, unitId: r.unit.id, periodType: r.period.type, periodId: r.period.id, periodStart: range.start, optionKey: v.optionKey,
    value: v.value, comment, submissionId: submission.id, updatedBy: ctx.actor.name,
  })));
  const idOf = new Map(written.map((w) => [`${w.indicatorId}|${w.optionKey}`, w.id]));
  const changes = changed.map(({ v, existing, comment }) => ({
    valueId: idOf.get(`${v.indicatorId}|${v.optionKey}`)!, actorName: ctx.actor.name, actorId: ctx.actor.id, oldValue: existing?.value ?? null, newValue: v.value, comment, source,
  }));
  const saved = changes.length;
  await insertValueChanges(tx, changes);
  if (saved > 0) {
    await audit(tx, ctx, {
      action: 'values.save', entityType: 'submission', entityId: submission.id, unitPath: r.unit.path,
      after: { formCode: r.form.code, periodId: r.period.id, source, changes: changed.slice(0, 200).map((c) => ({ rowCode: c.v.rowCode, optionKey: c.v.optionKey, old: c.existing?.value ?? null, new: c.v.value })) },
    });
    await ctx.publish(tx, { topic: 'indicators', type: 'values.changed', unitPath: r.unit.path, ids: [submission.id], data: { formCode: r.form.code, periodId: r.period.id, unitName: r.unit.name, count: saved } });
  }
  return saved;
}

/** Autosave from the entry grid: every cell carries the version it was edited from. */
export async function saveEntry(ctx: RequestContext, formCode: string, unitId: string, periodId: string, body: SaveEntryBody): Promise<SaveEntryResult> {
  can(ctx.actor, 'values:enter');
  return ctx.db.transaction(async (tx) => {
    const r = await loadReport(ctx, tx, formCode, unitId, periodId);
    assertMayEnter(ctx.actor, r);
    const values = await checkValues(tx, r, body.values);
    const submission = await ensureSubmission(tx, r);
    if (!EDITABLE.includes(submission.state as SubmissionState)) throw new AppError('report-not-editable');
    const saved = await writeValues(ctx, tx, r, submission, values, 'entry', true);
    const cells = await readCells(tx, r);
    return { saved, cells: buildCells(r, cells.current, cells.before, cells.yearAgo), validation: await validate(tx, r, cells.current, cells.before) };
  });
}

/**
 * Values arriving whole from another system or a file (push API, Excel): the sender is the source of
 * record, so there is no per-cell version check; every change is still recorded with its source.
 */
export async function importValues(ctx: RequestContext, formCode: string, body: { unitId: string; period: string; values: IncomingValue[]; submit: boolean; source: 'api' | 'excel' }) {
  can(ctx.actor, 'values:enter');
  return ctx.db.transaction(async (tx) => {
    const r = await loadReport(ctx, tx, formCode, body.unitId, body.period);
    assertMayEnter(ctx.actor, r);
    const values = await checkValues(tx, r, body.values);
    const submission = await ensureSubmission(tx, r);
    if (!EDITABLE.includes(submission.state as SubmissionState)) throw new AppError('report-not-editable');
    const saved = await writeValues(ctx, tx, r, submission, values, body.source, false);
    let state = submission.state as SubmissionState;
    if (body.submit) state = (await applyTransition(ctx, tx, r, submission, 'submit', undefined)).state as SubmissionState;
    return { saved, state, submissionId: submission.id };
  });
}

/** The rows of a report's form version with their option keys, for building files and checking them. */
export async function reportLayout(ctx: RequestContext, formCode: string, unitId: string, periodId: string) {
  can(ctx.actor, 'indicators:read');
  const r = await loadReport(ctx, ctx.db, formCode, unitId, periodId);
  const { current } = await readCells(ctx.db, r);
  return {
    form: r.form, period: r.period, unit: r.unit, dueOn: r.dueOn,
    rows: r.rows.map((row) => ({ rowCode: row.rowCode, section: row.section, indicatorCode: row.indicatorCode, indicatorName: row.indicatorName, measureUnit: row.measureUnit, options: r.options.get(row.indicatorCode)! })),
    values: buildCells(r, current, [], []).map((c) => ({ rowCode: c.rowCode, optionKey: c.optionKey, value: c.value })),
  };
}

type Action = 'submit' | 'return' | 'approve' | 'lock' | 'reopen';
const transitions: Record<Action, { from: SubmissionState[]; to: SubmissionState; by: 'reporter' | 'approver'; needsReason: boolean }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'reporter', needsReason: false },
  return: { from: ['submitted'], to: 'returned', by: 'approver', needsReason: true },
  approve: { from: ['submitted'], to: 'approved', by: 'approver', needsReason: false },
  lock: { from: ['approved'], to: 'locked', by: 'approver', needsReason: false },
  reopen: { from: ['approved', 'locked'], to: 'returned', by: 'approver', needsReason: true },
};

const eventTypes: Record<Action, string> = {
  submit: 'submission.submitted', return: 'submission.returned', approve: 'submission.approved', lock: 'submission.locked', reopen: 'submission.reopened',
};

async function applyTransition(ctx: RequestContext, tx: DbOrTx, r: ReportContext, submission: SubmissionRow, action: Action, reason: string | undefined): Promise<SubmissionRow> {
  const t = transitions[action];
  if (t.by === 'reporter') can(ctx.actor, 'values:enter');
  else if (!isApproverOf(ctx.actor, r.unit)) throw new AppError('forbidden', { title: 'Only the level above may approve, return or reopen this report.', detail: 'Chỉ cấp trên mới được duyệt, trả lại hoặc mở lại báo cáo này.' });
  if (!t.from.includes(submission.state as SubmissionState)) throw new AppError('invalid-transition', { state: submission.state });
  if (t.needsReason && !reason) throw new AppError('validation-failed', { errors: [{ path: 'body.reason', message: 'a reason is required' }] });
  if (action === 'submit') {
    const { current, before } = await readCells(tx, r);
    const blocking = (await validate(tx, r, current, before)).filter((v) => v.severity === 'blocking');
    if (blocking.length) throw new AppError('validation-blocked', { validation: blocking });
  }
  const now = new Date();
  await updateSubmissionRow(tx, submission.id, {
    state: t.to,
    ...(action === 'submit' ? { submittedAt: now, firstSubmittedAt: submission.firstSubmittedAt ?? now } : { decidedAt: now, decidedBy: ctx.actor.type === 'user' ? ctx.actor.id : null }),
    reason: reason ?? (action === 'submit' ? null : submission.reason),
  });
  const after = (await findSubmission(tx, r.form.code, r.unit.id, r.period.id))!;
  // Approved data goes upward through the outbox, in this same transaction: never sent if it rolls back.
  if (action === 'approve') await enqueueApprovedReport(tx, ctx, submission.id);
  await audit(tx, ctx, { action: `submission.${action}`, entityType: 'submission', entityId: submission.id, unitPath: r.unit.path, before: { state: submission.state }, after: { state: after.state, reason: after.reason } });
  await ctx.publish(tx, { topic: 'indicators', type: eventTypes[action], unitPath: r.unit.path, ids: [submission.id], data: { formCode: r.form.code, periodId: r.period.id, unitName: r.unit.name, state: after.state } });
  return after;
}

export async function transitionReport(ctx: RequestContext, formCode: string, unitId: string, periodId: string, action: Action, reason: string | undefined): Promise<Submission> {
  can(ctx.actor, 'indicators:read');
  return ctx.db.transaction(async (tx) => {
    const r = await loadReport(ctx, tx, formCode, unitId, periodId);
    if (action === 'submit') assertMayEnter(ctx.actor, r);
    const submission = await ensureSubmission(tx, r);
    return toSubmission(r, await applyTransition(ctx, tx, r, submission, action, reason));
  });
}

export async function valueHistoryOf(ctx: RequestContext, q: { indicatorCode: string; unitId: string; period: string; optionKey: string; periodType: string }) {
  can(ctx.actor, 'indicators:read');
  const unit = await findVisibleUnit(ctx, ctx.db, q.unitId);
  assertVisible(ctx.actor, unit.path);
  const [ind] = await findIndicatorsByCodes(ctx.db, [q.indicatorCode]);
  if (!ind) throw new AppError('not-found');
  const rows = await valueHistory(ctx.db, { indicatorId: ind.id, unitId: unit.id, periodType: q.periodType, periodId: q.period, optionKey: q.optionKey });
  return rows.map((h) => ({ ...h, at: h.at.toISOString() }));
}

/** The units that must report a form for a period: assigned, and existing on the period's last day. */
export async function expectedReporters(db: DbOrTx, formCode: string, lastDay: string) {
  const assigned = await assignedUnits(db, formCode);
  return (await unitsByIds(db, assigned.map((a) => a.unitId))).filter((u) => isValidOn(u, lastDay));
}

/** The agencies that report a form, by the unit they report for. */
export async function reportingAgenciesOf(db: DbOrTx, formCode: string): Promise<Map<string, { id: string; name: string }[]>> {
  const assignments = await agencyAssignments(db, formCode);
  const agencies = new Map((await agenciesByIds(db, assignments.map((a) => a.agencyId!))).map((a) => [a.id, a]));
  const out = new Map<string, { id: string; name: string }[]>();
  for (const a of assignments) {
    const agency = agencies.get(a.agencyId!);
    if (agency) out.set(a.unitId, [...(out.get(a.unitId) ?? []), { id: agency.id, name: agency.name }]);
  }
  return out;
}

/** Who had to report a form for a period, who did, who did on time — and by name, who is late. */
export async function completenessOf(ctx: RequestContext, formCode: string, periodId: string): Promise<Completeness> {
  can(ctx.actor, 'indicators:read');
  const form = await formVersionFor(ctx.db, formCode, periodId);
  const period = periodOfForm(form, periodId);
  const dueOn = deadlineOf(period, form.cutoffDay, form.deadlineDays);
  const today = todayInVietnam();
  const [expected, subs] = await Promise.all([expectedReporters(ctx.db, formCode, addDays(periodRange(period, form.cutoffDay).end, -1)), submissionsOfPeriod(ctx.db, formCode, periodId)]);
  const reportingAgencies = await reportingAgenciesOf(ctx.db, formCode);
  const units = [];
  for (const unit of expected) {
    if (!isInScope(ctx.actor.scopePath, unit.path)) continue;
    const s = subs.find((x) => x.unitId === unit.id);
    const submitted = !!s?.firstSubmittedAt;
    const late = isLateReport(dueOn, s?.firstSubmittedAt ?? null, today);
    const lateUntil = s?.firstSubmittedAt ? vnDate(s.firstSubmittedAt) : today;
    units.push({
      unitId: unit.id, unitName: unit.name, agencyNames: (reportingAgencies.get(unit.id) ?? []).map((a) => a.name),
      state: (submitted || s ? s!.state : 'missing') as Completeness['units'][number]['state'],
      submittedAt: s?.firstSubmittedAt?.toISOString() ?? null, isLate: late, daysLate: late ? Math.max(0, daysBetween(dueOn, lateUntil)) : 0,
    });
  }
  units.sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi'));
  const submitted = units.filter((u) => u.submittedAt).length;
  const onTime = units.filter((u) => u.submittedAt && !u.isLate).length;
  return {
    formCode, periodId, dueOn, expected: units.length, submitted, onTime, approved: units.filter((u) => u.state === 'approved' || u.state === 'locked').length,
    rate: units.length ? Math.round((submitted / units.length) * 1000) / 10 : 0, onTimeRate: units.length ? Math.round((onTime / units.length) * 1000) / 10 : 0,
    units,
    lateUnits: units.filter((u) => u.isLate).sort((a, b) => b.daysLate - a.daysLate).map((u) => ({ unitId: u.unitId, unitName: u.unitName, daysLate: u.daysLate, submitted: !!u.submittedAt })),
  };
}

/** Reports by state in the caller's scope: the approvals inbox asks for the submitted ones it may decide on. */
export async function listReports(ctx: RequestContext, q: ListReportsQuery): Promise<ReportList> {
  can(ctx.actor, 'indicators:read');
  const scopeUnits = await unitsUnderPath(ctx.db, ctx.actor.scopePath);
  const unitOf = new Map(scopeUnits.map((u) => [u.id, u]));
  // Deciding is for the level above: from a district's scope, the district's own reports are not in the inbox.
  const unitIds = q.awaitingMe ? scopeUnits.filter((u) => isApproverOf(ctx.actor, u)).map((u) => u.id) : [...unitOf.keys()];
  const rows = await listSubmissions(ctx.db, { unitIds, state: q.state, formCode: q.formCode, periodId: q.period, limit: q.limit });
  const today = todayInVietnam();
  const items = rows.map(({ s, formName, formNameEn }) => {
    const unit = unitOf.get(s.unitId)!;
    const late = isLateReport(s.dueOn, s.firstSubmittedAt ?? null, today);
    const lateUntil = s.firstSubmittedAt ? vnDate(s.firstSubmittedAt) : today;
    return {
      id: s.id, formCode: s.formCode, formName, formNameEn, unitId: s.unitId, unitName: unit.name, periodId: s.periodId, state: s.state as SubmissionState,
      dueOn: s.dueOn, submittedAt: s.submittedAt?.toISOString() ?? null, decidedAt: s.decidedAt?.toISOString() ?? null, reason: s.reason,
      isLate: late, daysLate: late ? Math.max(0, daysBetween(s.dueOn, lateUntil)) : 0,
      canDecide: isApproverOf(ctx.actor, unit) && ['submitted', 'approved', 'locked'].includes(s.state),
    };
  });
  return { items, total: items.length };
}
