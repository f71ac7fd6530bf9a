// Import of dossiers from a CSV or XLSX file, one row per dossier. The file is read and validated first
// (all-or-nothing writes nothing when a row fails); the writing then runs in the background in chunks, each
// committed with the import's progress, so that the web can show a progress bar for a large file.
//
// Columns: code, procedure_code, receiving_unit_code, handling_agency_code, channel, received_at, due_at,
// finished_at, status, result, holding_agency_code, online_payment, digitised_result, satisfaction.
// Times: ISO 8601 with an offset, or Vietnam local time 'YYYY-MM-DD HH:mm[:ss]' / 'DD/MM/YYYY HH:mm[:ss]';
// a date alone means the start of the day for received_at, its end for due_at and finished_at.
// Events made from a row: the receipt; 'finished' at finished_at; a 'returned' status at finished_at; any
// other status (in_progress, additional_docs, suspended) at received_at, held by holding_agency_code.
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { uuidv7 } from 'uuidv7';
import type { DossierImport, ImportDossiersQuery, IngestError } from '../../../shared/contracts/dossier-ingest.js';
import { can } from '../../core/auth.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { createImport, findImport, listImportsOf, updateImport } from './dossier-import.queries.js';
import { calendarFor, type IngestContext, announceBatch, prepareDossiers, writeDossiers } from './ingest.js';
import { lockSource } from './ingest.queries.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CHUNK_ROWS = 2_000;
const MAX_STORED_ERRORS = 1_000;
const MAX_ROWS = 500_000;

export interface ImportFile { content: Buffer | string; fileName: string; contentType: string | null }

interface FileRow { row: number; values: Record<string, string> }

function badFile(title: string, detail: string): AppError {
  return new AppError('bad-request', { title, detail });
}

function formatOf(file: ImportFile, q: ImportDossiersQuery): 'csv' | 'xlsx' {
  if (q.format) return q.format;
  if (file.contentType?.includes('spreadsheetml') || /\.xlsx$/i.test(file.fileName)) return 'xlsx';
  const buf = Buffer.isBuffer(file.content) ? file.content : null;
  if (buf && buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  return 'csv';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An Excel date cell holds the wall-clock time it shows (no zone): read it as Vietnam local time. */
function excelText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const d = value;
    const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${time === '00:00:00' ? '' : ` ${time}`}`;
  }
  if (typeof value === 'object') {
    const o = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if (o.result !== undefined) return excelText(o.result as ExcelJS.CellValue);
    if (typeof o.text === 'string') return o.text;
    return '';
  }
  return String(value);
}

export async function readImportFile(file: ImportFile, format: 'csv' | 'xlsx'): Promise<FileRow[]> {
  const normalizeHeader = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (format === 'csv') {
    const text = (Buffer.isBuffer(file.content) ? file.content.toString('utf8') : file.content).replace(/^\uFEFF/, '');
    try {
      const records = parseCsv(text, { columns: (header: string[]) => header.map(normalizeHeader), skip_empty_lines: true, trim: true, relax_column_count: true }) as Record<string, string>[];
      return records.map((values, i) => ({ row: i + 2, values }));   // row 1 is the header
    } catch (err) {
      throw badFile(`The file could not be read as CSV: ${(err as Error).message}`, 'Không đọc được tệp CSV.');
    }
  }
  const buf = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content);
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) throw badFile('The file is not an Excel workbook (.xlsx).', 'Tệp không phải bảng tính Excel (.xlsx).');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw badFile('The file could not be read as an Excel workbook (.xlsx).', 'Không đọc được tệp bảng tính (.xlsx).');
  }
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => { headers[col] = normalizeHeader(excelText(cell.value)); });
  const rows: FileRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, string> = {};
    let any = false;
    r.eachCell({ includeEmpty: false }, (cell, col) => {
      const key = headers[col];
      if (!key) return;
      const text = excelText(cell.value).trim();
      if (text) { values[key] = text; any = true; }
    });
    if (any) rows.push({ row: rowNumber, values });
  });
  return rows;
}

/** A time cell as ISO 8601 with offset; local forms are Vietnam time. `end`: a date alone means its last second. */
export function timeCell(text: string | undefined, end: boolean): string | undefined {
  if (!text) return undefined;
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) return t;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  const vn = iso ? null : /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (!iso && !vn) return t;   // left as it is: validation reports it
  const [y, mo, d, h, mi, s] = iso ? [iso[1]!, iso[2]!, iso[3]!, iso[4], iso[5], iso[6]] : [vn![3]!, vn![2]!, vn![1]!, vn![4], vn![5], vn![6]];
  const time = h !== undefined ? `${pad(Number(h))}:${mi}:${s ?? '00'}` : end ? '23:59:59' : '00:00:00';
  return `${y}-${pad(Number(mo))}-${pad(Number(d))}T${time}+07:00`;
}

function booleanCell(text: string | undefined): boolean | string | undefined {
  if (text === undefined || text === '') return undefined;
  const t = text.trim().toLowerCase();
  if (['true', '1', 'x', 'yes', 'có', 'co', 'c'].includes(t)) return true;
  if (['false', '0', 'no', 'không', 'khong', 'k'].includes(t)) return false;
  return text;   // validation reports it
}

/** One file row → the dossier shape of the bulk API (unknown columns are ignored; missing ones left out). */
export function dossierOfRow(v: Record<string, string>): Record<string, unknown> {
  const opt = (k: string) => (v[k] ? v[k] : undefined);
  const receivedAt = timeCell(opt('received_at'), false);
  const finishedAt = timeCell(opt('finished_at'), true);
  const status = opt('status');
  const holder = opt('holding_agency_code');
  const events: Record<string, unknown>[] = [];
  if (finishedAt) events.push({ at: finishedAt, status: 'finished', ...(holder ? { agencyCode: holder } : {}) });
  if (status === 'returned') events.push({ at: finishedAt ?? receivedAt, status: 'returned', ...(holder ? { agencyCode: holder } : {}) });
  else if (status && status !== 'finished' && status !== 'received') events.push({ at: receivedAt, status, ...(holder ? { agencyCode: holder } : {}) });
  else if (status === 'received' && holder) events.push({ at: receivedAt, status: 'received', agencyCode: holder });
  const dossier: Record<string, unknown> = {
    code: opt('code'), procedureCode: opt('procedure_code'), receivingUnitCode: opt('receiving_unit_code'), handlingAgencyCode: opt('handling_agency_code'),
    channel: opt('channel'), receivedAt, dueAt: timeCell(opt('due_at'), true), onlinePayment: booleanCell(opt('online_payment')),
    digitisedResult: booleanCell(opt('digitised_result')), satisfaction: opt('satisfaction'), result: opt('result'), events,
  };
  for (const k of Object.keys(dossier)) if (dossier[k] === undefined) delete dossier[k];
  return dossier;
}

function toDossierImport(row: Awaited<ReturnType<typeof findImport>> & object, dryRun = false): DossierImport {
  return {
    id: row.id, fileName: row.fileName, source: row.source, status: row.status as DossierImport['status'], dryRun,
    totalRows: row.totalRows, processedRows: row.processedRows, savedRows: row.savedRows, errorRows: row.errorRows,
    errors: row.errors as IngestError[], createdAt: row.createdAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

// Background imports of this process, so that closing the app waits for them.
const running = new Set<Promise<void>>();
export async function waitForImports(): Promise<void> {
  await Promise.allSettled([...running]);
}

/**
 * Reads and validates the file, then (unless a dry run) records the import and writes it in the background.
 * Answers at once: a dry run with its full report, a real import 'running' with its id (GET /imports/:id).
 */
export async function startDossierImport(ctx: RequestContext, q: ImportDossiersQuery, file: ImportFile): Promise<{ status: 200 | 202; body: DossierImport }> {
  can(ctx.actor, 'dossiers:ingest');
  const rows = await readImportFile(file, formatOf(file, q));
  if (rows.length > MAX_ROWS) throw badFile(`At most ${MAX_ROWS} rows per file.`, `Tệp có quá ${MAX_ROWS} dòng.`);
  const dossiers = rows.map((r) => dossierOfRow(r.values));
  const calendar = await calendarFor(ctx.db, dossiers);
  const { prepared, errors } = await prepareDossiers(ctx.db, ctx.actor, dossiers, { calendar });
  const rowErrors = errors.map((e) => ({ ...e, index: rows[e.index]!.row }));
  const errorRows = new Set(rowErrors.map((e) => e.index)).size;
  const fileName = q.fileName ?? file.fileName;
  const now = new Date();
  if (q.dryRun) {
    return { status: 200, body: {
      id: uuidv7(), fileName, source: q.source, status: 'done', dryRun: true, totalRows: rows.length, processedRows: rows.length,
      savedRows: 0, errorRows, errors: rowErrors.slice(0, MAX_STORED_ERRORS), createdAt: now.toISOString(), finishedAt: now.toISOString(),
    } };
  }
  const rejected = rowErrors.length > 0 && q.mode === 'all-or-nothing';
  const id = uuidv7();
  await createImport(ctx.db, {
    id, fileName, source: q.source, status: rejected ? 'failed' : 'running', totalRows: rows.length, processedRows: rejected ? rows.length : 0,
    errorRows, errors: rowErrors.slice(0, MAX_STORED_ERRORS), createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null, finishedAt: rejected ? now : null,
  });
  const created = toDossierImport((await findImport(ctx.db, id))!);
  if (rejected) return { status: 200, body: created };
  const job = writeImport(ctx, id, q.source, prepared, calendar, errorRows, (index) => rows[index]!.row)
    .catch((err: unknown) => { ctx.log.error({ err, importId: id }, 'dossier import failed'); })
    .finally(() => { running.delete(job); });
  running.add(job);
  return { status: 202, body: created };
}

async function writeImport(
  ctx: IngestContext & { db: Db }, id: string, source: string, prepared: Awaited<ReturnType<typeof prepareDossiers>>['prepared'],
  calendar: Awaited<ReturnType<typeof calendarFor>>, invalidRows: number, rowOf: (index: number) => number,
): Promise<void> {
  let processed = invalidRows;
  let saved = 0;
  try {
    for (let start = 0; start < prepared.length; start += CHUNK_ROWS) {
      const chunk = prepared.slice(start, start + CHUNK_ROWS);
      await ctx.db.transaction(async (tx) => {
        await lockSource(tx, source);
        const written = await writeDossiers(tx, ctx.actor, source, chunk, calendar, 'skip-invalid');
        saved += written.created + written.updated + written.unchanged;
        processed += chunk.length;
        await announceBatch(tx, ctx, source, {
          received: chunk.length, created: written.created, updated: written.updated, unchanged: written.unchanged,
          eventsAdded: written.eventsAdded, duplicateEvents: written.duplicateEvents, errors: written.errors,
        }, written.changed);
        const last = start + CHUNK_ROWS >= prepared.length;
        await updateImport(tx, id, {
          processedRows: processed, savedRows: saved, ...(last ? { status: 'done', finishedAt: new Date() } : {}),
          // found only while writing: stored history older than a row's new receipt
          ...(written.errors.length ? { appendErrors: written.errors.map((e) => ({ ...e, index: rowOf(e.index) })) } : {}),
        });
        await ctx.publish(tx, { topic: 'dossiers', type: 'dossier.import.progress', unitPath: ctx.actor.scopePath, ids: [id],
          data: { processedRows: processed, savedRows: saved, status: last ? 'done' : 'running' } });
      });
    }
    if (prepared.length === 0) {
      await ctx.db.transaction(async (tx) => {
        await updateImport(tx, id, { processedRows: processed, status: 'done', finishedAt: new Date() });
        await ctx.publish(tx, { topic: 'dossiers', type: 'dossier.import.progress', unitPath: ctx.actor.scopePath, ids: [id], data: { processedRows: processed, savedRows: 0, status: 'done' } });
      });
    }
  } catch (err) {
    const message = err instanceof AppError ? err.message : 'internal error';
    await ctx.db.transaction(async (tx) => {
      await updateImport(tx, id, { status: 'failed', finishedAt: new Date(), appendErrors: [{ index: 0, code: null, field: null, message: 'Lỗi khi ghi dữ liệu; phần đã ghi được giữ lại', messageEn: `writing failed: ${message}` }] });
      await ctx.publish(tx, { topic: 'dossiers', type: 'dossier.import.progress', unitPath: ctx.actor.scopePath, ids: [id], data: { processedRows: processed, savedRows: saved, status: 'failed' } });
    });
    throw err;
  }
}

export async function getDossierImport(ctx: RequestContext, id: string): Promise<DossierImport> {
  can(ctx.actor, 'dossiers:ingest');
  const row = await findImport(ctx.db, id);
  if (!row || (row.createdBy !== ctx.actor.id && ctx.actor.role !== 'admin')) throw new AppError('not-found');
  return toDossierImport(row);
}

export async function listMyDossierImports(ctx: RequestContext): Promise<{ items: DossierImport[] }> {
  can(ctx.actor, 'dossiers:ingest');
  const rows = await listImportsOf(ctx.db, ctx.actor.role === 'admin' ? null : ctx.actor.id, 20);
  return { items: rows.map((r) => toDossierImport(r)) };
}
