// Dossier ingest: the bulk upsert door one-stop-shop systems call, the CSV/XLSX import, the polling connectors.
import { z } from 'zod';
import { Uuid } from './common.js';
import { DossierChannel, DossierStatus } from './dossiers.js';

export const MAX_DOSSIERS_PER_REQUEST = 10_000;

/** An ISO 8601 date-time with its offset: '2025-03-04T08:15:00+07:00' or '…Z'. */
export const IsoDateTime = z.iso.datetime({ offset: true });
export const dossierResults = ['approved', 'rejected', 'withdrawn'] as const;
export const DossierResult = z.enum(dossierResults);
export const satisfactions = ['very_satisfied', 'satisfied', 'dissatisfied'] as const;
export const Satisfaction = z.enum(satisfactions);
export const ingestModes = ['all-or-nothing', 'skip-invalid'] as const;
export const IngestMode = z.enum(ingestModes);
export type IngestMode = z.infer<typeof IngestMode>;

export const IngestDossierEvent = z.strictObject({
  at: IsoDateTime,
  status: DossierStatus,
  agencyCode: z.string().trim().min(1).max(60).optional(),   // the agency holding the dossier from this step
  note: z.string().max(1000).optional(),
});
export type IngestDossierEvent = z.infer<typeof IngestDossierEvent>;

/**
 * One dossier as the sender knows it now. Sent again, it is merged: events are added (an event already
 * stored is a duplicate, not an error), the other fields take the values of the latest send.
 */
export const IngestDossier = z.strictObject({
  code: z.string().trim().min(1).max(100),
  procedureCode: z.string().trim().min(1).max(60),
  receivingUnitCode: z.string().trim().min(1).max(60),
  handlingAgencyCode: z.string().trim().min(1).max(60).optional(),
  channel: DossierChannel,
  receivedAt: IsoDateTime,
  dueAt: IsoDateTime.optional(),        // else computed: receipt + the procedure's processing days (working days)
  onlinePayment: z.boolean().optional(),
  digitisedResult: z.boolean().optional(),
  satisfaction: Satisfaction.optional(),
  result: DossierResult.optional(),
  events: z.array(IngestDossierEvent).max(500).default([]),
});
export type IngestDossier = z.infer<typeof IngestDossier>;

/**
 * Each element of `dossiers` is an IngestDossier, validated on its own so that one bad dossier is reported
 * by its index (and, in skip-invalid mode, skipped) instead of failing the whole request.
 */
export const BulkUpsertDossiersBody = z.strictObject({
  source: z.string().trim().min(1).max(60).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . - and _ only'),
  mode: IngestMode.default('all-or-nothing'),
  dossiers: z.array(z.unknown()).max(MAX_DOSSIERS_PER_REQUEST)
    .describe('IngestDossier[]: code, procedureCode, receivingUnitCode, handlingAgencyCode?, channel, receivedAt, dueAt?, onlinePayment?, digitisedResult?, satisfaction?, result?, events[{at, status, agencyCode?, note?}]'),
});
export type BulkUpsertDossiersBody = z.input<typeof BulkUpsertDossiersBody>;

export const IngestError = z.object({
  index: z.number().int(),              // position in `dossiers` (0-based); for a file import the row number instead
  code: z.string().nullable(),          // the dossier's code when it could be read
  field: z.string().nullable(),         // e.g. 'procedureCode', 'events.2.at'
  message: z.string(),                  // Vietnamese
  messageEn: z.string(),
});
export type IngestError = z.infer<typeof IngestError>;

export const BulkUpsertResult = z.object({
  received: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  eventsAdded: z.number().int(),
  duplicateEvents: z.number().int(),
  errors: z.array(IngestError),
  replayed: z.boolean().optional(),     // true: the stored answer to an earlier request with the same Idempotency-Key
});
export type BulkUpsertResult = z.infer<typeof BulkUpsertResult>;

// ---- File import (CSV / XLSX), one row per dossier

export const ImportDossiersQuery = z.strictObject({
  source: z.string().trim().min(1).max(60).regex(/^[A-Za-z0-9._-]+$/).default('import'),
  format: z.enum(['csv', 'xlsx']).optional(),          // else from the content type or file name
  mode: IngestMode.default('all-or-nothing'),
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  fileName: z.string().max(200).optional(),            // for a raw body
});
export type ImportDossiersQuery = z.infer<typeof ImportDossiersQuery>;

export const importStatuses = ['running', 'done', 'failed'] as const;
export const DossierImport = z.object({
  id: Uuid,
  fileName: z.string(),
  source: z.string(),
  status: z.enum(importStatuses),
  dryRun: z.boolean(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  savedRows: z.number().int(),
  errorRows: z.number().int(),
  errors: z.array(IngestError),        // `index` is the file's row number (row 1 is the header); the first 1,000
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type DossierImport = z.infer<typeof DossierImport>;

// ---- Polling connectors

/** Our field → a dotted path in their record ('maHoSo', 'thuTuc.ma', 'lichSu'); events map inside each event. */
export const FieldMapping = z.strictObject({
  code: z.string().min(1).default('code'),
  updatedAt: z.string().min(1).default('updatedAt'),   // when their record last changed: the next cursor
  procedureCode: z.string().min(1).default('procedureCode'),
  receivingUnitCode: z.string().min(1).default('receivingUnitCode'),
  handlingAgencyCode: z.string().min(1).default('handlingAgencyCode'),
  channel: z.string().min(1).default('channel'),
  receivedAt: z.string().min(1).default('receivedAt'),
  dueAt: z.string().min(1).default('dueAt'),
  onlinePayment: z.string().min(1).default('onlinePayment'),
  digitisedResult: z.string().min(1).default('digitisedResult'),
  satisfaction: z.string().min(1).default('satisfaction'),
  result: z.string().min(1).default('result'),
  events: z.string().min(1).default('events'),
  eventAt: z.string().min(1).default('at'),
  eventStatus: z.string().min(1).default('status'),
  eventAgencyCode: z.string().min(1).default('agencyCode'),
  eventNote: z.string().min(1).default('note'),
  /** Their status words → ours, e.g. { "DANG_XU_LY": "in_progress" }; unmapped words pass through. */
  statusValues: z.record(z.string(), DossierStatus).default({}),
  /** Their channel words → ours, e.g. { "TRUC_TUYEN": "online" }. */
  channelValues: z.record(z.string(), DossierChannel).default({}),
});
export type FieldMapping = z.infer<typeof FieldMapping>;

export const DossierConnector = z.object({
  id: Uuid,
  name: z.string(),
  source: z.string(),
  baseUrl: z.string(),
  hasToken: z.boolean(),               // the token itself is never answered
  fieldMapping: FieldMapping,
  cursor: z.string().nullable(),
  pollSeconds: z.number().int(),
  enabled: z.boolean(),
  lastRunAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastCount: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type DossierConnector = z.infer<typeof DossierConnector>;

export const CreateConnectorBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  source: z.string().trim().min(1).max(60).regex(/^[A-Za-z0-9._-]+$/),
  baseUrl: z.url({ protocol: /^https?$/ }),
  token: z.string().min(1).max(2000).nullable().optional(),
  fieldMapping: FieldMapping.default(FieldMapping.parse({})),
  cursor: z.string().max(100).nullable().optional(),     // start from here (else from the beginning)
  pollSeconds: z.number().int().min(30).max(86_400).default(300),
  enabled: z.boolean().default(true),
});
export type CreateConnectorBody = z.input<typeof CreateConnectorBody>;

export const UpdateConnectorBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  token: z.string().min(1).max(2000).nullable().optional(),   // null removes it; absent keeps it
  fieldMapping: FieldMapping.optional(),
  cursor: z.string().max(100).nullable().optional(),
  pollSeconds: z.number().int().min(30).max(86_400).optional(),
  enabled: z.boolean().optional(),
});
export type UpdateConnectorBody = z.input<typeof UpdateConnectorBody>;

export const ConnectorRunResult = z.object({
  pages: z.number().int(),
  dossiers: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  eventsAdded: z.number().int(),
  errors: z.number().int(),            // dossiers skipped as invalid
  cursor: z.string().nullable(),
  skipped: z.boolean(),                // another process was running this connector
});
export type ConnectorRunResult = z.infer<typeof ConnectorRunResult>;
