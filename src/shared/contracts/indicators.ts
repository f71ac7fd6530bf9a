import { z } from 'zod';
import { IsoDate, Uuid } from './common.js';

export const periodTypes = ['daily', 'weekly', 'monthly', 'quarterly', 'six_monthly', 'yearly'] as const;
export const PeriodType = z.enum(periodTypes);
export type PeriodType = z.infer<typeof PeriodType>;
export const valueTypes = ['number', 'integer', 'percent', 'vnd'] as const;
export const aggregations = ['sum', 'average', 'last', 'min', 'max', 'none'] as const;
export const Aggregation = z.enum(aggregations);
export const sectors = ['economy', 'budget', 'investment', 'trade', 'agriculture', 'industry', 'tourism', 'health', 'education', 'labour',
  'social_insurance', 'land', 'environment', 'traffic', 'public_order', 'population'] as const;
export const Sector = z.enum(sectors);
export const submissionStates = ['draft', 'submitted', 'returned', 'approved', 'locked'] as const;
export const SubmissionState = z.enum(submissionStates);
export type SubmissionState = z.infer<typeof SubmissionState>;
export const PeriodId = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?|W\d{2}|Q[1-4]|S[12])?$/, 'a period such as 2025-06, 2025Q2, 2025W27, 2025');
const Code = z.string().min(1).max(60).regex(/^[A-Za-z0-9_./-]+$/);

export const Dimension = z.object({
  id: Uuid, code: z.string(), name: z.string(), nameEn: z.string(),
  options: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })),
});
export type Dimension = z.infer<typeof Dimension>;
export const CreateDimensionBody = z.strictObject({
  code: Code, name: z.string().min(1).max(200), nameEn: z.string().min(1).max(200),
  options: z.array(z.strictObject({ code: Code, name: z.string().min(1).max(200), nameEn: z.string().min(1).max(200) })).min(2).max(50),
});
export type CreateDimensionBody = z.infer<typeof CreateDimensionBody>;

export const Indicator = z.object({
  id: Uuid, code: z.string(), name: z.string(), nameEn: z.string(), measureUnit: z.string(), sector: Sector,
  valueType: z.enum(valueTypes), unitAggregation: Aggregation, timeAggregation: Aggregation, decimals: z.number().int(),
  minValue: z.number().nullable(), maxValue: z.number().nullable(), ownerAgencyId: Uuid.nullable(), formula: z.string().nullable(),
  dimensionCodes: z.array(z.string()), description: z.string().nullable(), legalBasis: z.string().nullable(), higherIsBetter: z.boolean(),
  updatedAt: z.string(),
});
export type Indicator = z.infer<typeof Indicator>;
export const ListIndicatorsQuery = z.strictObject({ q: z.string().max(100).optional(), sector: Sector.optional() });
export const CreateIndicatorBody = z.strictObject({
  code: Code, name: z.string().min(1).max(300), nameEn: z.string().min(1).max(300), measureUnit: z.string().min(1).max(50), sector: Sector,
  valueType: z.enum(valueTypes), unitAggregation: Aggregation, timeAggregation: Aggregation, decimals: z.number().int().min(0).max(6).default(0),
  minValue: z.number().nullable().optional(), maxValue: z.number().nullable().optional(), ownerAgencyId: Uuid.nullable().optional(),
  formula: z.string().max(2000).nullable().optional(), dimensionCodes: z.array(z.string()).max(4).default([]),
  description: z.string().max(2000).nullable().optional(), legalBasis: z.string().max(500).nullable().optional(), higherIsBetter: z.boolean().default(true),
});
export type CreateIndicatorBody = z.infer<typeof CreateIndicatorBody>;
export const UpdateIndicatorBody = CreateIndicatorBody.omit({ code: true }).partial().strict();
export type UpdateIndicatorBody = z.infer<typeof UpdateIndicatorBody>;

export const FormRowInput = z.strictObject({ rowCode: z.string().min(1).max(20), section: z.string().max(200).nullable().optional(), indicatorCode: Code });
export const Form = z.object({
  id: Uuid, code: z.string(), version: z.number().int(), name: z.string(), nameEn: z.string(), periodType: PeriodType,
  cutoffDay: z.number().int(), deadlineDays: z.number().int(), reminderDays: z.number().int(), validFromPeriod: z.string(), legalBasis: z.string().nullable(),
  rows: z.array(z.object({ rowCode: z.string(), section: z.string().nullable(), indicatorId: Uuid, indicatorCode: z.string(), indicatorName: z.string(), measureUnit: z.string(), dimensionCodes: z.array(z.string()) })),
  assignedUnitIds: z.array(Uuid),
  // Agencies that report the form for their unit (a department for the province): only their staff enter it.
  assignedAgencies: z.array(z.object({ agencyId: Uuid, agencyName: z.string(), unitId: Uuid })),
});
export type Form = z.infer<typeof Form>;
export const FormSummary = Form.omit({ rows: true, assignedUnitIds: true, assignedAgencies: true }).extend({ rowCount: z.number().int(), assignedCount: z.number().int() });
export type FormSummary = z.infer<typeof FormSummary>;
export const FormCodeParams = z.strictObject({ code: z.string().min(1).max(60) });
// Creating a form with an existing code creates its next version, in force from validFromPeriod.
export const CreateFormBody = z.strictObject({
  code: Code, name: z.string().min(1).max(300), nameEn: z.string().min(1).max(300), periodType: PeriodType,
  cutoffDay: z.number().int().min(1).max(28).default(1), deadlineDays: z.number().int().min(0).max(120), reminderDays: z.number().int().min(0).max(30).default(2),
  validFromPeriod: PeriodId, legalBasis: z.string().max(500).nullable().optional(),
  rows: z.array(FormRowInput).min(1).max(2000),
  assignedUnitIds: z.array(Uuid).max(5000).optional(),
  assignedAgencyIds: z.array(Uuid).max(1000).optional(),
});
export type CreateFormBody = z.infer<typeof CreateFormBody>;

export const EntryQuery = z.strictObject({ unitId: Uuid, period: PeriodId });
export type EntryQuery = z.infer<typeof EntryQuery>;
export const ValidationResult = z.object({
  ruleCode: z.string(), severity: z.enum(['blocking', 'warning']), message: z.string(), messageVi: z.string(), indicatorCodes: z.array(z.string()),
});
export type ValidationResult = z.infer<typeof ValidationResult>;
export const EntryCell = z.object({
  rowCode: z.string(), indicatorCode: z.string(), optionKey: z.string(), value: z.number().nullable(), comment: z.string().nullable(),
  version: z.number().int(), updatedAt: z.string().nullable(), updatedBy: z.string().nullable(),
  previous: z.number().nullable(), lastYear: z.number().nullable(),
});
export type EntryCell = z.infer<typeof EntryCell>;
export const Submission = z.object({
  id: Uuid.nullable(), formCode: z.string(), formVersion: z.number().int(), unitId: Uuid, unitName: z.string(), periodId: z.string(),
  periodStart: IsoDate, periodEnd: IsoDate, dueOn: IsoDate, state: SubmissionState, submittedAt: z.string().nullable(), decidedAt: z.string().nullable(),
  reason: z.string().nullable(), isLate: z.boolean(),
});
export type Submission = z.infer<typeof Submission>;
export const Entry = z.object({
  form: Form.omit({ assignedUnitIds: true }), submission: Submission, cells: z.array(EntryCell),
  optionKeys: z.record(z.string(), z.array(z.object({ key: z.string(), label: z.string(), labelEn: z.string() }))), // per indicator code
  validation: z.array(ValidationResult), editable: z.boolean(),
});
export type Entry = z.infer<typeof Entry>;
export const SaveEntryBody = z.strictObject({
  values: z.array(z.strictObject({
    rowCode: z.string().min(1).max(20), optionKey: z.string().max(200).default(''), value: z.number().finite().nullable(),
    comment: z.string().max(2000).nullable().optional(),
    baseVersion: z.number().int().min(0), // the version the client edited; 0 for a new cell. Stale → 409 conflict
  })).min(1).max(20000),
});
export type SaveEntryBody = z.infer<typeof SaveEntryBody>;
export const SaveEntryResult = z.object({ saved: z.number().int(), cells: z.array(EntryCell), validation: z.array(ValidationResult) });
export type SaveEntryResult = z.infer<typeof SaveEntryResult>;
export const WorkflowBody = z.strictObject({ reason: z.string().min(1).max(2000).optional() });
export const WorkflowParams = z.strictObject({ code: z.string().min(1).max(60), action: z.enum(['submit', 'return', 'approve', 'lock', 'reopen']) });

export const ValueHistoryQuery = z.strictObject({ indicatorCode: z.string(), unitId: Uuid, period: PeriodId, optionKey: z.string().default('') });
export const ValueHistory = z.array(z.object({ at: z.string(), actorName: z.string(), oldValue: z.number().nullable(), newValue: z.number().nullable(), comment: z.string().nullable(), source: z.string() }));

export const CompletenessQuery = z.strictObject({ period: PeriodId });
export const Completeness = z.object({
  formCode: z.string(), periodId: z.string(), dueOn: IsoDate, expected: z.number().int(), submitted: z.number().int(), onTime: z.number().int(),
  approved: z.number().int(), rate: z.number(), onTimeRate: z.number(),
  units: z.array(z.object({
    unitId: Uuid, unitName: z.string(), agencyNames: z.array(z.string()), // the agencies that report it for the unit, if assigned to agencies
    state: SubmissionState.or(z.literal('missing')), submittedAt: z.string().nullable(), isLate: z.boolean(), daysLate: z.number().int(),
  })),
  lateUnits: z.array(z.object({ unitId: Uuid, unitName: z.string(), daysLate: z.number().int(), submitted: z.boolean() })),
});
export type Completeness = z.infer<typeof Completeness>;

// The data-quality view of a form's period: each report with values, and the rules it fails.
export const DataQuality = z.object({
  formCode: z.string(), periodId: z.string(), rules: z.number().int(), checked: z.number().int(), blocking: z.number().int(), warnings: z.number().int(),
  reports: z.array(z.object({ unitId: Uuid, unitName: z.string(), state: SubmissionState, failures: z.array(ValidationResult) })),
});
export type DataQuality = z.infer<typeof DataQuality>;

// The approvals inbox and any list of reports by state.
export const ListReportsQuery = z.strictObject({
  state: SubmissionState.optional(),
  formCode: z.string().max(60).optional(),
  period: PeriodId.optional(),
  awaitingMe: z.enum(['true', 'false']).transform((v) => v === 'true').optional(), // only reports the caller may decide on
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type ListReportsQuery = z.infer<typeof ListReportsQuery>;
export const ReportSummary = z.object({
  id: Uuid, formCode: z.string(), formName: z.string(), formNameEn: z.string(), unitId: Uuid, unitName: z.string(), periodId: z.string(),
  state: SubmissionState, dueOn: IsoDate, submittedAt: z.string().nullable(), decidedAt: z.string().nullable(), reason: z.string().nullable(),
  isLate: z.boolean(), daysLate: z.number().int(), canDecide: z.boolean(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;
export const ReportList = z.object({ items: z.array(ReportSummary), total: z.number().int() });
export type ReportList = z.infer<typeof ReportList>;

export const AnalyticsQuery = z.strictObject({
  indicators: z.string().min(1).max(2000),                      // comma-separated codes
  unitIds: z.string().max(20000).optional(),                    // comma-separated; or:
  childrenOf: Uuid.optional(),                                  // the units directly under this one (as of asOf)
  level: z.coerce.number().int().min(1).max(5).optional(),      // or every unit of a level in your scope (1 province, 2 district, …)
  periodType: PeriodType.default('monthly'),
  from: PeriodId.optional(), to: PeriodId.optional(),
  relative: z.enum(['THIS_MONTH', 'LAST_MONTH', 'LAST_12_MONTHS', 'THIS_YEAR', 'YEAR_TO_DATE', 'LAST_5_YEARS']).optional(),
  cutoffDay: z.coerce.number().int().min(1).max(28).default(1),  // relative periods follow a form's cut-off (15: Decree 09/2019)
  asOf: IsoDate.optional(),                                     // the tree to roll up into (merged units go to their successors)
  option: z.string().max(200).optional(),                       // an option key; default: totals
  breakdown: z.enum(['true', 'false']).transform((v) => v === 'true').optional(), // also every option combination, beside the totals
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;
export const AnalyticsResult = z.object({
  asOf: IsoDate, periods: z.array(z.string()),
  units: z.array(z.object({ id: Uuid, code: z.string(), name: z.string() })),
  options: z.array(z.object({ key: z.string(), label: z.string(), labelEn: z.string() })),   // the option combinations of a breakdown
  rows: z.array(z.object({ indicatorCode: z.string(), unitId: Uuid, periodId: z.string(), optionKey: z.string(), value: z.number().nullable() })),
});
export type AnalyticsResult = z.infer<typeof AnalyticsResult>;

// Phasing is optional: 12 monthly values, or 4 quarterly ones (each spread evenly over its three months).
export const SetTargetBody = z.strictObject({
  indicatorCode: Code, unitId: Uuid, year: z.number().int().min(2000).max(2100), annual: z.number().finite(),
  monthly: z.array(z.number().finite()).length(12).nullable().optional(),
  quarterly: z.array(z.number().finite()).length(4).nullable().optional(),
}).refine((b) => !(b.monthly && b.quarterly), { message: 'give monthly or quarterly phasing, not both', path: ['quarterly'] });
export const ProgressQuery = z.strictObject({ unitId: Uuid, period: PeriodId.optional(), indicators: z.string().max(2000).optional(), green: z.coerce.number().default(1), amber: z.coerce.number().default(0.9) });
export const Progress = z.array(z.object({
  indicatorCode: z.string(), name: z.string(), nameEn: z.string(), measureUnit: z.string(), periodId: z.string(),
  value: z.number().nullable(), yearToDate: z.number().nullable(), sameTimeLastYear: z.number().nullable(), annualTarget: z.number().nullable(),
  targetToDate: z.number().nullable(), progressPct: z.number().nullable(), status: z.enum(['green', 'amber', 'red', 'none']),
}));
export type Progress = z.infer<typeof Progress>;

export const ValidationRule = z.object({
  id: Uuid, code: z.string(), name: z.string(), nameEn: z.string(), kind: z.enum(['range', 'comparison', 'jump', 'children_sum']), severity: z.enum(['blocking', 'warning']),
  formCode: z.string().nullable(), params: z.record(z.string(), z.unknown()),
});
export type ValidationRule = z.infer<typeof ValidationRule>;
// params — range: {indicatorCode, min?, max?}; comparison: {left, op: '<='|'<'|'>='|'>'|'==', right} (expressions over codes); jump: {indicatorCode, maxChangePct}
export const CreateValidationRuleBody = z.strictObject({
  code: Code, name: z.string().min(1).max(300), nameEn: z.string().min(1).max(300), kind: z.enum(['range', 'comparison', 'jump', 'children_sum']),
  severity: z.enum(['blocking', 'warning']), formCode: z.string().max(60).nullable().optional(), params: z.record(z.string(), z.unknown()),
});
export type CreateValidationRuleBody = z.infer<typeof CreateValidationRuleBody>;

// Excel round trip of a report: per-cell problems of an uploaded workbook.
export const ExcelImportMode = z.enum(['all-or-nothing', 'save-valid']);
export type ExcelImportMode = z.infer<typeof ExcelImportMode>;
export const ExcelCellProblem = z.object({
  sheetRow: z.number().int(), rowCode: z.string().nullable(), optionKey: z.string().nullable(), cell: z.string(), message: z.string(), messageVi: z.string(),
});
export type ExcelCellProblem = z.infer<typeof ExcelCellProblem>;
export const ExcelImportResult = z.object({ saved: z.number().int(), rejected: z.number().int(), errors: z.array(ExcelCellProblem) });
export type ExcelImportResult = z.infer<typeof ExcelImportResult>;
