// SDMX-CSV export of one form and period: every visible unit's reported values, one observation per row.
//
// Layout follows SDMX-CSV as used by .Stat Suite (SDMX 2.1 CSV, "SDMX-CSV v1"): the first column is
// DATAFLOW (`AGENCY:ID(VERSION)`), then one column per dimension, OBS_VALUE, then attributes.
// Choices made here (not taken from any national specification):
// - DATAFLOW is `VN_IOC:FORM_<code>(1.0)`; the form code is upper-cased and characters SDMX ids do not
//   allow become `_`.
// - REF_AREA is the unit's official (GSO) code, or the local code when it has none.
// - INDICATOR is the local indicator code (the dataflow belongs to this IOC, not to the national system).
// - One column per disaggregation dimension used by the form's indicators (SEX, AREA, AGE_GROUP …), with
//   the local option codes (URBAN, FEMALE …) and `_T` (total) where an observation is not broken down by it.
// - Attributes: UNIT_MEASURE (the indicator's measure unit as written in the catalog) and OBS_STATUS
//   (`A` normal when the unit's report is approved or locked, `P` provisional otherwise; SDMX CL_OBS_STATUS).
// - Values that were never filled in (null) are not observations and are left out.
import { and, eq, inArray } from 'drizzle-orm';
import { can } from '../../core/auth.js';
import type { RequestContext } from '../../core/context.js';
import type { DbOrTx } from '../../db/client.js';
import { unitsUnderPath } from '../units/units.service.js';
import { formVersionFor, periodOfForm } from './indicators.service.js';
import { formRows, indicators, indicatorValues, submissions } from './indicators.table.js';
import type { PeriodType } from './periods.js';

/** The SDMX (ISO 8601 / SDMX reporting period) form of a period id. */
export function sdmxTimePeriod(type: PeriodType, id: string): string {
  switch (type) {
    case 'daily': case 'monthly': case 'yearly': return id;              // 2025-06-30, 2025-06, 2025
    case 'weekly': return id.replace(/^(\d{4})W(\d{2})$/, '$1-W$2');      // 2025W27 → 2025-W27
    case 'quarterly': return id.replace(/^(\d{4})Q([1-4])$/, '$1-Q$2');   // 2025Q2 → 2025-Q2
    case 'six_monthly': return id.replace(/^(\d{4})S([12])$/, '$1-S$2');  // 2025S1 → 2025-S1
  }
}

/** An SDMX id: letters, digits, `_`, `-`, `@` (and `$`); anything else becomes `_`. */
export function sdmxId(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9_@$-]/g, '_');
}

export function dataflowOfForm(formCode: string): string {
  return `VN_IOC:FORM_${sdmxId(formCode)}(1.0)`;
}

/** RFC 4180 field: quoted when it holds a comma, a quote, or a line break; quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** 'AREA=URBAN;SEX=FEMALE' → [{ dimension: 'AREA', option: 'URBAN' }, …]; '' (the total) → []. */
export function parseOptionKey(optionKey: string): { dimension: string; option: string }[] {
  if (optionKey === '') return [];
  return optionKey.split(';').map((part) => {
    const at = part.indexOf('=');
    return { dimension: part.slice(0, at), option: part.slice(at + 1) };
  });
}

export interface SdmxObservation {
  refArea: string;
  indicator: string;
  timePeriod: string;
  optionKey: string;
  value: number;
  unitMeasure: string;
  obsStatus: 'A' | 'P';
}

/** The CSV text (CRLF line ends, as RFC 4180 has them) for one dataflow. */
export function toSdmxCsv(dataflow: string, dimensionCodes: string[], observations: SdmxObservation[]): string {
  const dims = [...new Set(dimensionCodes.map(sdmxId))].sort();
  const header = ['DATAFLOW', 'REF_AREA', 'INDICATOR', 'TIME_PERIOD', ...dims, 'OBS_VALUE', 'UNIT_MEASURE', 'OBS_STATUS'];
  const lines = [header.join(',')];
  for (const o of observations) {
    const options = new Map(parseOptionKey(o.optionKey).map((p) => [sdmxId(p.dimension), p.option]));
    lines.push([
      dataflow, o.refArea, o.indicator, o.timePeriod, ...dims.map((d) => options.get(d) ?? '_T'), o.value, o.unitMeasure, o.obsStatus,
    ].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** SDMX-CSV of every unit's values of a form and period, limited to the actor's scope. */
export async function formSdmxCsv(ctx: RequestContext, formCode: string, periodId: string): Promise<{ filename: string; csv: string }> {
  can(ctx.actor, 'indicators:read');
  const form = await formVersionFor(ctx.db, formCode, periodId);
  const period = periodOfForm(form, periodId);
  const scopeUnits = await unitsUnderPath(ctx.db, ctx.actor.scopePath);
  const unitOf = new Map(scopeUnits.map((u) => [u.id, u]));
  const rows = (await sdmxValuesOf(ctx.db, { formId: form.id, formCode: form.code, periodType: period.type, periodId: period.id, unitIds: [...unitOf.keys()] }))
    .map((r) => ({ ...r, unitCode: unitOf.get(r.unitId)!.code, officialCode: unitOf.get(r.unitId)!.officialCode }))
    .sort((a, b) => (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : a.sort - b.sort || (a.optionKey < b.optionKey ? -1 : a.optionKey > b.optionKey ? 1 : 0)));
  const timePeriod = sdmxTimePeriod(period.type, period.id);
  const observations: SdmxObservation[] = rows
    .filter((r): r is typeof r & { value: number } => r.value !== null)
    .map((r) => ({
      refArea: r.officialCode ?? r.unitCode, indicator: r.indicatorCode, timePeriod, optionKey: r.optionKey, value: r.value,
      unitMeasure: r.measureUnit, obsStatus: r.state === 'approved' || r.state === 'locked' ? 'A' : 'P',
    }));
  const dims = [...new Set(rows.flatMap((r) => r.dimensionCodes))];
  return { filename: `${sdmxId(form.code)}_${timePeriod}.csv`, csv: toSdmxCsv(dataflowOfForm(form.code), dims, observations) };
}

// ── SQL ──────────────────────────────────────────────────────────────────────────────────────────────
async function sdmxValuesOf(db: DbOrTx, f: { formId: string; formCode: string; periodType: string; periodId: string; unitIds: string[] }) {
  if (f.unitIds.length === 0) return [];
  return db.select({
    unitId: indicatorValues.unitId, sort: formRows.sort, indicatorCode: indicators.code, measureUnit: indicators.measureUnit,
    dimensionCodes: indicators.dimensionCodes, optionKey: indicatorValues.optionKey, value: indicatorValues.value, state: submissions.state,
  })
    .from(indicatorValues)
    .innerJoin(formRows, and(eq(formRows.indicatorId, indicatorValues.indicatorId), eq(formRows.formId, f.formId)))
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .leftJoin(submissions, and(eq(submissions.formCode, f.formCode), eq(submissions.unitId, indicatorValues.unitId), eq(submissions.periodId, indicatorValues.periodId)))
    .where(and(
      eq(indicatorValues.periodType, f.periodType), eq(indicatorValues.periodId, f.periodId),
      inArray(indicatorValues.unitId, f.unitIds),
    ));
}
