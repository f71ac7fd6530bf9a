// Loads the demo indicator catalog, its forms, rules and targets, and five years of SYNTHETIC reported
// values with their submissions: districts report before 1 July 2025, the new communes after, so the
// history features (roll-up as of a date) have real cases. Deterministic: the same data every time.
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { addDays, todayInVietnam } from '../../core/calendar.js';
import type { DbOrTx } from '../../db/client.js';
import { agencyIdsByCode } from '../units/agencies.service.js';
import { demoSuccessions, demoUnits } from '../units/demo-province.data.js';
import { unitsByCodes } from '../units/units.service.js';
import { demoDimensions, demoForms, demoIndicators, demoTargets, demoValidationRules, type DemoIndicator } from './demo-catalog.data.js';
import { optionCombinations } from './indicators.service.js';
import {
  dimensionOptions, dimensions, formAssignments, formRows, forms, indicators, indicatorValues, submissions, targets, validationRules,
} from './indicators.table.js';
import { deadlineOf, type Period, type PeriodType, periodContaining, periodRange, periodsBetween, previousPeriod } from './periods.js';
import { seededRandom } from '../../core/seeded-random.js';

const FIRST_DAY = '2021-01-01';
const REORGANISED = '2025-07-01';
const SYNTHETIC_AUTHOR = 'Dữ liệu mô phỏng (synthetic)';

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 500) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Reporting units and their weight (share of the province's flows), before and after the reorganisation. */
function reportingUnits() {
  const districts = demoUnits.filter((u) => u.parentCode === '70' && u.validTo === REORGANISED);
  const communesOf = (code: string) => demoUnits.filter((u) => u.parentCode === code).length;
  const total = districts.reduce((s, d) => s + communesOf(d.code), 0);
  const oldWeights = new Map(districts.map((d) => [d.code, communesOf(d.code) / total]));
  const oldCommunes = new Set(demoUnits.filter((u) => districts.some((d) => d.code === u.parentCode)).map((u) => u.code));
  const newWeights = new Map<string, number>();
  for (const s of demoSuccessions) if (oldCommunes.has(s.fromCode) && s.validOn === REORGANISED) newWeights.set(s.toCode, (newWeights.get(s.toCode) ?? 0) + s.share / oldCommunes.size);
  return { oldWeights, newWeights };
}

function generatedValue(ind: DemoIndicator, period: Period, weight: number, unitBias: number, rnd: () => number): number {
  const { start } = periodRange(period);
  const years = (Date.parse(start) - Date.parse(FIRST_DAY)) / (365.25 * 86400_000);
  const month = Number(start.slice(5, 7));
  const season = period.type === 'monthly' && ind.demo.seasonality ? ind.demo.seasonality[month - 1]! : 1;
  const normal = Math.sqrt(-2 * Math.log(rnd() || 1e-9)) * Math.cos(2 * Math.PI * rnd());
  const isFlow = ind.unitAggregation === 'sum';
  let v = ind.demo.base * (1 + ind.demo.growthPerYear) ** years * season * (1 + ind.demo.noise * normal) * (isFlow ? weight : 1 + unitBias);
  if (ind.minValue !== undefined) v = Math.max(ind.minValue, v);
  if (ind.maxValue !== undefined) v = Math.min(ind.maxValue, v);
  return roundFor(ind, v, rnd);
}

/** Counts are rounded stochastically so that many small units (a commune's monthly accidents) keep the province's total. */
function roundFor(ind: DemoIndicator, v: number, rnd: () => number): number {
  if (ind.valueType === 'integer' || (ind.valueType === 'vnd' && ind.decimals === 0)) return Math.max(0, Math.floor(v + rnd()));
  return Math.round(v * 10 ** ind.decimals) / 10 ** ind.decimals;
}

// Fixed split of a total across disaggregation options (sex ~51% female, age bands, ~25% urban).
const optionShares: Record<string, number[]> = { SEX: [0.49, 0.51], AGE_GROUP: [0.22, 0.17, 0.3, 0.2, 0.11], AREA: [0.25, 0.75] };

export async function seedDemoIndicators(db: DbOrTx, today = todayInVietnam()): Promise<{ values: number; submissions: number }> {
  const agencies = await agencyIdsByCode(db);
  const dims = demoDimensions.map((d) => ({ ...d, id: uuidv7() }));
  await db.insert(dimensions).values(dims.map((d) => ({ id: d.id, code: d.code, name: d.name, nameEn: d.nameEn })));
  await db.insert(dimensionOptions).values(dims.flatMap((d) => d.options.map((o, i) => ({ id: uuidv7(), dimensionId: d.id, code: o.code, name: o.name, nameEn: o.nameEn, sort: i }))));
  const indicatorIds = new Map(demoIndicators.map((i) => [i.code, uuidv7()]));
  await db.insert(indicators).values(demoIndicators.map((i) => ({
    id: indicatorIds.get(i.code)!, code: i.code, name: i.name, nameEn: i.nameEn, measureUnit: i.measureUnit, sector: i.sector, valueType: i.valueType,
    unitAggregation: i.unitAggregation, timeAggregation: i.timeAggregation, decimals: i.decimals, minValue: i.minValue ?? null, maxValue: i.maxValue ?? null,
    ownerAgencyId: i.ownerAgencyCode ? agencies.get(i.ownerAgencyCode) ?? null : null, formula: i.formula ?? null, dimensionCodes: i.dimensionCodes ?? [],
    description: i.description ?? null, legalBasis: i.legalBasis ?? null, higherIsBetter: i.higherIsBetter,
  })));

  const { oldWeights, newWeights } = reportingUnits();
  const unitRows = await unitsByCodes(db, ['70', '75', ...oldWeights.keys(), ...newWeights.keys()]);
  const unitId = new Map(unitRows.map((u) => [u.code, u.id]));
  const byCode = new Map(demoIndicators.map((i) => [i.code, i]));
  const optionRows = (i: DemoIndicator) => optionCombinations(i.dimensionCodes ?? [], demoDimensions);

  const valueRows: (typeof indicatorValues.$inferInsert)[] = [];
  const submissionRows: (typeof submissions.$inferInsert)[] = [];
  for (const [f, form] of demoForms.entries()) {
    const formId = uuidv7();
    const type = form.periodType as PeriodType;
    const firstPeriod = periodContaining(type, FIRST_DAY, form.cutoffDay);
    await db.insert(forms).values({ id: formId, code: form.code, version: 1, name: form.name, nameEn: form.nameEn, periodType: type, cutoffDay: form.cutoffDay, deadlineDays: form.deadlineDays, validFromPeriod: firstPeriod.id });
    const rows = form.sections.flatMap((s) => s.rows.map((r) => ({ ...r, section: s.name })));
    await db.insert(formRows).values(rows.map((r, i) => ({ formId, rowCode: r.rowCode, section: r.section, indicatorId: indicatorIds.get(r.indicatorCode)!, sort: i })));
    const assigned = form.reportedBy === 'province' ? ['70', '75'] : [...oldWeights.keys(), ...newWeights.keys()];
    // A form reported by a department (the budget report by the Department of Finance) is assigned to it.
    await db.insert(formAssignments).values(assigned.map((code) => ({
      formCode: form.code, unitId: unitId.get(code)!, agencyId: form.reportingAgencies?.[code] ? agencies.get(form.reportingAgencies[code])! : null,
    })));

    const current = periodContaining(type, today, form.cutoffDay);
    const lastComplete = previousPeriod(current);
    for (const period of periodsBetween(firstPeriod, lastComplete)) {
      const range = periodRange(period, form.cutoffDay);
      const afterReorganisation = range.end > REORGANISED;
      const reporters: [string, number][] = form.reportedBy === 'province'
        ? [[afterReorganisation ? '75' : '70', 1]]
        : [...(afterReorganisation ? newWeights : oldWeights).entries()];
      const dueOn = deadlineOf(period, form.cutoffDay, form.deadlineDays);
      const isLatest = period.id === lastComplete.id;
      for (const [u, [code, weight]] of reporters.entries()) {
        const rnd = seededRandom(f * 1_000_003 + u * 7919 + Number(period.id.replace(/\D/g, '')));
        const roll = rnd();
        // The latest period shows a realistic mix: missing and draft reports, late and on-time ones.
        const state = isLatest ? (roll < 0.15 ? 'missing' : roll < 0.27 ? 'draft' : roll < 0.8 ? 'submitted' : 'approved')
          : range.end < todayMinusYear(today) ? 'locked' : 'approved';
        if (state === 'missing') continue;
        const late = rnd() < (isLatest ? 0.3 : 0.08);
        const submittedOn = late ? addDays(dueOn, 1 + Math.floor(rnd() * 6)) : addDays(dueOn, -Math.floor(rnd() * 4));
        const submittedAt = state === 'draft' ? null : new Date(`${submittedOn}T09:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00+07:00`);
        const submissionId = uuidv7();
        submissionRows.push({
          id: submissionId, formId, formCode: form.code, unitId: unitId.get(code)!, periodId: period.id, state, dueOn,
          submittedAt, firstSubmittedAt: submittedAt, decidedAt: state === 'approved' || state === 'locked' ? new Date(submittedAt!.getTime() + 2 * 86400_000) : null,
        });
        const unitBias = (seededRandom(u + 17)() - 0.5) * 0.1;
        for (const row of rows) {
          const ind = byCode.get(row.indicatorCode)!;
          const total = generatedValue(ind, period, weight, unitBias, rnd);
          const combos = optionRows(ind);
          const shares = combos.map((c) => (c.key === '' ? 1 : c.key.split(';').reduce((p, part) => {
            const [dim, opt] = part.split('=');
            const d = demoDimensions.find((x) => x.code === dim)!;
            return p * (optionShares[dim!]?.[d.options.findIndex((o) => o.code === opt)] ?? 1 / d.options.length);
          }, 1)));
          for (const [i, c] of combos.entries()) {
            const isRate = ind.unitAggregation !== 'sum';
            const raw = isRate ? total : total * shares[i]!;
            const value = roundFor(ind, raw, rnd);
            valueRows.push({
              indicatorId: indicatorIds.get(ind.code)!, unitId: unitId.get(code)!, periodType: type, periodId: period.id, periodStart: range.start,
              optionKey: c.key, value, submissionId, updatedBy: SYNTHETIC_AUTHOR,
            });
          }
        }
      }
    }
  }
  await insertChunks(submissionRows, (chunk) => db.insert(submissions).values(chunk));
  await insertChunks(valueRows, (chunk) => db.insert(indicatorValues).values(chunk), 1000);
  await db.insert(validationRules).values(demoValidationRules.map((r) => ({ id: uuidv7(), code: r.code, name: r.name, nameEn: r.nameEn, kind: r.kind, severity: r.severity, params: r.params })));
  await db.insert(targets).values(demoTargets.map((t) => ({ indicatorId: indicatorIds.get(t.indicatorCode)!, unitId: unitId.get(t.year >= 2025 ? '75' : '70')!, year: t.year, annual: t.annual })));
  await db.execute(sql`ANALYZE indicator_values`);
  return { values: valueRows.length, submissions: submissionRows.length };
}

function todayMinusYear(today: string): string {
  return `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
}
