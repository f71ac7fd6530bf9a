// Reports as Excel files: a protected template to fill offline, and reading it back cell by cell into importValues.
//
// Reading a value cell (see parseNumberText for text):
//   - empty (or only spaces)          → no change, the cell is skipped;
//   - "-", "–", "—", "x" or "X"        → clear the value (null);
//   - a number cell                   → taken as is (Excel/LibreOffice already read it in the user's locale);
//     a number cell formatted as a percentage (typing "95%" stores 0.95) → ×100, since percent indicators hold 0–100;
//   - a formula                       → its cached result;
//   - a date, true/false, an error    → refused with the cell address.
import ExcelJS from 'exceljs';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { ExcelCellProblem, ExcelImportMode, ExcelImportResult } from '../../../shared/contracts/indicators.js';
import { importValues, reportLayout } from './data-entry.js';
import { findIndicatorsByCodes } from './indicators.queries.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DATA_SHEET = 'Biểu mẫu';
/** The hidden sheet holding the machine keys of the report a template belongs to. */
export const META_SHEET = '_ioc';
export const HEADERS = { rowCode: 'Mã dòng', indicator: 'Chỉ tiêu', measureUnit: 'Đơn vị tính', optionKey: 'Mã phân tổ', value: 'Giá trị' } as const;
const HEADER_ROW = 8;
const CLEAR_TOKENS = new Set(['-', '–', '—', 'x', 'X']);



type Layout = Awaited<ReturnType<typeof reportLayout>>;

// ---------------------------------------------------------------------------------------------------------
// Numbers typed as text

export type ParsedNumber = { ok: true; value: number | null } | { ok: false; message: string; messageVi: string };

const fail = (message: string, messageVi: string): ParsedNumber => ({ ok: false, message, messageVi });

function isGrouped(intPart: string, sep: string): boolean {
  const groups = intPart.split(sep);
  return /^[0-9]{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^[0-9]{3}$/.test(g));
}

/**
 * Reads a number typed as text, in Vietnamese ("1.234,5") or English ("1,234.5") notation.
 * Spaces (also non-breaking and thin) are ignored; a leading +, - or − is a sign; a trailing % is dropped (95% → 95).
 *   - both "." and "," present: the last one is the decimal mark, the other groups thousands (groups of 3 checked);
 *   - one of them, more than once: thousands ("1.234.567", "1,234,567");
 *   - one of them, once: a decimal mark ("12,5", "0.125", "1234,567") unless it is followed by exactly three
 *     digits after 1–3 leading digits ("1.234", "12,500"), which is ambiguous: read as thousands for indicators
 *     that take whole numbers (12,5 would be refused there anyway), otherwise refused with a hint.
 * "-" or "x" (also "–", "—", "X") clears the value: `{ ok: true, value: null }`.
 */
export function parseNumberText(input: string, wholeNumbers: boolean): ParsedNumber {
  const s = input.normalize('NFKC').replace(/^'/, '').replace(/\s+/g, '');
  if (CLEAR_TOKENS.has(s)) return { ok: true, value: null };
  const m = /^([+\-−]?)([0-9.,]+)(%?)$/.exec(s);
  if (!m || !/[0-9]/.test(m[2]!) || s.length > 40) {
    return fail(`"${input}" is not a number`, `"${input}" không phải là số (nhập số, hoặc "-" để xóa giá trị)`);
  }
  const sign = m[1] ? -1 : 1;
  const body = m[2]!;
  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  let plain: string | null = null;   // digits with "." as the decimal mark
  if (dots === 0 && commas === 0) plain = body;
  else if (dots > 0 && commas > 0) {
    const decimal = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    const [intPart, frac, ...rest] = body.split(decimal);
    if (rest.length === 0 && intPart && frac && /^[0-9]+$/.test(frac) && isGrouped(intPart, thousands)) plain = `${intPart.replaceAll(thousands, '')}.${frac}`;
  } else {
    const sep = dots > 0 ? '.' : ',';
    const count = dots + commas;
    if (count > 1) {
      if (isGrouped(body, sep)) plain = body.replaceAll(sep, '');
    } else {
      const [intPart = '', frac = ''] = body.split(sep);
      if (/^[1-9][0-9]{0,2}$/.test(intPart) && /^[0-9]{3}$/.test(frac)) {
        if (!wholeNumbers) {
          return fail(
            `"${input}" is ambiguous (thousands or decimals?); type ${intPart}${frac} or ${intPart}${sep}${frac}0`,
            `"${input}" không rõ là số nghìn hay số thập phân; hãy ghi ${intPart}${frac} (không dùng dấu phân cách hàng nghìn) hoặc ${intPart}${sep}${frac}0 nếu là số thập phân`,
          );
        }
        plain = `${intPart}${frac}`;
      } else if (frac !== '' && /^[0-9]*$/.test(intPart)) plain = `${intPart || '0'}.${frac}`;
    }
  }
  if (plain === null || !/^[0-9]+(\.[0-9]+)?$/.test(plain)) {
    return fail(`"${input}" is not a well-formed number (thousands are grouped by 3)`, `"${input}" không đúng định dạng số (dấu phân cách hàng nghìn phải chia nhóm 3 chữ số)`);
  }
  const value = sign * Number(plain);
  return Number.isFinite(value) ? { ok: true, value } : fail(`"${input}" is too large`, `"${input}" quá lớn`);
}

// ---------------------------------------------------------------------------------------------------------
// The template

function periodLabel(type: string, id: string): string {
  let m: RegExpExecArray | null;
  if (type === 'daily' && (m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(id))) return `Ngày ${m[3]}/${m[2]}/${m[1]}`;
  if (type === 'weekly' && (m = /^(\d{4})W(\d{2})$/.exec(id))) return `Tuần ${m[2]}/${m[1]}`;
  if (type === 'monthly' && (m = /^(\d{4})-(\d{2})$/.exec(id))) return `Tháng ${m[2]}/${m[1]}`;
  if (type === 'quarterly' && (m = /^(\d{4})Q([1-4])$/.exec(id))) return `Quý ${m[2]}/${m[1]}`;
  if (type === 'six_monthly' && (m = /^(\d{4})S([12])$/.exec(id))) return `${m[2] === '1' ? '6 tháng đầu năm' : '6 tháng cuối năm'} ${m[1]}`;
  if (type === 'yearly') return `Năm ${id}`;
  return id;
}

const vnDate = (iso: string) => iso.split('-').reverse().join('/');
const asciiName = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9._-]+/g, '-');

async function wholeNumberIndicators(ctx: RequestContext, layout: Layout): Promise<Set<string>> {
  const inds = await findIndicatorsByCodes(ctx.db, [...new Set(layout.rows.map((r) => r.indicatorCode))]);
  return new Set(inds.filter((i) => i.valueType === 'integer' || i.valueType === 'vnd').map((i) => i.code));
}

const thin = { style: 'thin' as const, color: { argb: 'FF9CA3AF' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** The .xlsx template of one report, pre-filled with its current values. */
export async function reportTemplate(ctx: RequestContext, formCode: string, unitId: string, periodId: string): Promise<{ filename: string; content: Buffer }> {
  const layout = await reportLayout(ctx, formCode, unitId, periodId);
  const whole = await wholeNumberIndicators(ctx, layout);
  const current = new Map(layout.values.map((v) => [`${v.rowCode}|${v.optionKey}`, v.value]));
  const { form, period, unit } = layout;

  const wb = new ExcelJS.Workbook();
  wb.creator = 'IOC';
  wb.created = new Date();
  const ws = wb.addWorksheet(DATA_SHEET, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: { orientation: 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 10 }, { width: 60 }, { width: 14 }, { width: 30 }, { width: 18 }];

  const title = ws.getCell('A1');
  title.value = `Biểu ${form.code} — ${form.name} (phiên bản ${form.version})`;
  title.font = { bold: true, size: 14 };
  ws.mergeCells('A1:E1');
  const block: [string, string][] = [
    ['Đơn vị báo cáo', unit.name],
    ['Kỳ báo cáo', `${periodLabel(period.type, period.id)} (${period.id})`],
    ['Hạn nộp', vnDate(layout.dueOn)],
  ];
  block.forEach(([label, value], i) => {
    const row = ws.getRow(2 + i);
    row.getCell(1).value = `${label}:`;
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = value;
  });
  const note = ws.getCell('A6');
  note.value = 'Chỉ nhập vào cột "Giá trị". Để trống: giữ nguyên giá trị; nhập "-" hoặc "x": xóa giá trị. '
    + 'Số có thể ghi kiểu Việt Nam (1.234,5) hoặc kiểu Anh (1,234.5); không sửa các cột khác và trang ẩn "_ioc".';
  note.font = { italic: true, color: { argb: 'FF4B5563' } };
  note.alignment = { wrapText: true, vertical: 'top' };
  ws.mergeCells('A6:E6');
  ws.getRow(6).height = 32;

  const header = ws.getRow(HEADER_ROW);
  header.values = [HEADERS.rowCode, HEADERS.indicator, HEADERS.measureUnit, HEADERS.optionKey, HEADERS.value];
  header.eachCell((c) => {
    c.font = { bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDBEAFE' } };
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    c.border = border;
  });

  let r = HEADER_ROW + 1;
  let section: string | null = null;
  for (const row of layout.rows) {
    if (row.section && row.section !== section) {
      const sep = ws.getRow(r++);
      sep.getCell(2).value = row.section;       // column A stays empty: a reader skips the line
      for (let c = 1; c <= 5; c++) {
        const cell = sep.getCell(c);
        cell.font = { bold: true };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F4F6' } };
        cell.border = border;
      }
    }
    section = row.section;
    const disaggregated = row.options.some((o) => o.key !== '');
    for (const option of row.options) {
      const line = ws.getRow(r++);
      line.values = [row.rowCode, disaggregated ? `${row.indicatorName} — ${option.label}` : row.indicatorName, row.measureUnit, option.key, current.get(`${row.rowCode}|${option.key}`) ?? null];
      line.getCell(1).alignment = { horizontal: 'center' };
      line.getCell(2).alignment = { wrapText: true, indent: disaggregated ? 1 : 0 };
      const value = line.getCell(5);
      value.protection = { locked: false };
      value.numFmt = whole.has(row.indicatorCode) ? '#,##0' : 'General';
      value.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFEF9C3' } };
      for (let c = 1; c <= 5; c++) line.getCell(c).border = border;
    }
  }
  // No password: the protection only keeps clerks from editing codes by accident.
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });

  const meta = wb.addWorksheet(META_SHEET, { state: 'hidden' });
  meta.addRows([['formCode', form.code], ['formVersion', String(form.version)], ['unitId', unit.id], ['period', period.id], ['layout', '1']]);
  await meta.protect('', {});

  const unitCode = unit.path.split('/').filter(Boolean).at(-1) ?? 'unit';
  const content = Buffer.from(await wb.xlsx.writeBuffer() as ArrayBuffer);
  return { filename: `${asciiName(form.code)}_${asciiName(period.id)}_${asciiName(unitCode)}.xlsx`, content };
}

// ---------------------------------------------------------------------------------------------------------
// Reading an upload

function badFile(title: string, detail: string): AppError {
  return new AppError('bad-request', { title, detail });
}

async function loadWorkbook(file: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // An .xlsx is a zip archive; refuse anything else before exceljs tries.
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50) {
    throw badFile('The file is not an Excel workbook (.xlsx).', 'Tệp không phải bảng tính Excel (.xlsx). Hãy tải mẫu từ hệ thống, nhập số liệu rồi lưu dưới dạng .xlsx.');
  }
  try {
    await wb.xlsx.load(file as unknown as ExcelJS.Buffer);   // exceljs types its own Buffer; a Node Buffer is what it reads
  } catch {
    throw badFile('The file could not be read as an Excel workbook (.xlsx).', 'Không đọc được tệp bảng tính (.xlsx); tệp có thể bị hỏng hoặc không phải định dạng .xlsx.');
  }
  return wb;
}

type Raw = { kind: 'empty' } | { kind: 'number'; value: number; percent: boolean } | { kind: 'text'; text: string } | { kind: 'other'; what: string; whatVi: string };

function rawOf(cell: ExcelJS.Cell): Raw {
  const v: unknown = cell.value;
  if (v === null || v === undefined) return { kind: 'empty' };
  if (typeof v === 'number') return { kind: 'number', value: v, percent: typeof cell.numFmt === 'string' && cell.numFmt.includes('%') };
  if (typeof v === 'string') return v.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: v };
  if (typeof v === 'boolean') return { kind: 'other', what: 'a true/false value', whatVi: 'giá trị đúng/sai' };
  if (v instanceof Date) return { kind: 'other', what: 'a date', whatVi: 'ngày tháng' };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      const result = o.result;
      if (typeof result === 'number') return { kind: 'number', value: result, percent: typeof cell.numFmt === 'string' && cell.numFmt.includes('%') };
      if (typeof result === 'string') return result.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: result };
      return { kind: 'other', what: 'a formula without a computed result', whatVi: 'công thức chưa có kết quả' };
    }
    if (Array.isArray(o.richText)) {
      const text = (o.richText as { text?: unknown }[]).map((t) => (typeof t.text === 'string' ? t.text : '')).join('');
      return text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text };
    }
    if (typeof o.text === 'string') return o.text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: o.text };
    if ('error' in o) return { kind: 'other', what: `an error (${String(o.error)})`, whatVi: `lỗi ${String(o.error)}` };
  }
  return { kind: 'other', what: 'an unreadable value', whatVi: 'giá trị không đọc được' };
}

function textOf(cell: ExcelJS.Cell): string {
  const raw = rawOf(cell);
  if (raw.kind === 'number') return String(raw.value);
  if (raw.kind === 'text') return raw.text.trim();
  return '';
}

/** Refuses a workbook that is not the template of this form version, unit and period. */
function assertTemplateOf(wb: ExcelJS.Workbook, layout: Layout): void {
  const meta = wb.getWorksheet(META_SHEET);
  const keys = new Map<string, string>();
  meta?.eachRow((row) => { keys.set(textOf(row.getCell(1)), textOf(row.getCell(2))); });
  if (!keys.has('formCode')) {
    throw badFile('The file is not an IOC report template (its hidden sheet "_ioc" is missing).',
      'Tệp không đúng mẫu: không có trang ẩn "_ioc" nhận dạng báo cáo. Hãy tải mẫu Excel của báo cáo này từ hệ thống rồi nhập số liệu vào mẫu đó.');
  }
  const differences: [string, string][] = [];
  if (keys.get('formCode') !== layout.form.code) differences.push([`form ${keys.get('formCode')}, not ${layout.form.code}`, `biểu ${keys.get('formCode')} thay vì ${layout.form.code}`]);
  else if (keys.get('formVersion') !== String(layout.form.version)) {
    differences.push([`version ${keys.get('formVersion')}, not ${layout.form.version}`, `phiên bản ${keys.get('formVersion')} thay vì ${layout.form.version}`]);
  }
  if (keys.get('period') !== layout.period.id) differences.push([`period ${keys.get('period')}, not ${layout.period.id}`, `kỳ ${keys.get('period')} thay vì ${layout.period.id}`]);
  if (keys.get('unitId') !== layout.unit.id) differences.push([`another unit, not ${layout.unit.name}`, `của đơn vị khác, không phải ${layout.unit.name}`]);
  if (differences.length) {
    throw new AppError('bad-request', {
      title: `The file is the template of another report: ${differences.map((d) => d[0]).join('; ')}.`,
      detail: `Tệp không đúng mẫu của báo cáo này: tệp là mẫu ${differences.map((d) => d[1]).join('; ')}. Hãy tải đúng mẫu của báo cáo cần nhập.`,
      fileReport: Object.fromEntries(keys),
    });
  }
}

const normalized = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

/** The sheet and columns holding the cells: the row whose headers include Mã dòng, Mã phân tổ and Giá trị. */
function findCells(wb: ExcelJS.Workbook): { sheet: ExcelJS.Worksheet; headerRow: number; cols: { rowCode: number; optionKey: number; value: number } } {
  const sheets = [wb.getWorksheet(DATA_SHEET), ...wb.worksheets].filter((s): s is ExcelJS.Worksheet => !!s && s.name !== META_SHEET);
  for (const sheet of sheets) {
    for (let r = 1; r <= Math.min(sheet.rowCount, 50); r++) {
      const cols: Partial<Record<'rowCode' | 'optionKey' | 'value', number>> = {};
      sheet.getRow(r).eachCell((cell, col) => {
        const h = normalized(textOf(cell));
        if (h === normalized(HEADERS.rowCode)) cols.rowCode = col;
        else if (h === normalized(HEADERS.optionKey)) cols.optionKey = col;
        else if (h === normalized(HEADERS.value)) cols.value = col;
      });
      if (cols.rowCode && cols.optionKey && cols.value) return { sheet, headerRow: r, cols: { rowCode: cols.rowCode, optionKey: cols.optionKey, value: cols.value } };
    }
  }
  throw badFile('The file is not the report template: no header row with "Mã dòng", "Mã phân tổ" and "Giá trị".',
    'Tệp không đúng mẫu: không tìm thấy dòng tiêu đề có các cột "Mã dòng", "Mã phân tổ" và "Giá trị".');
}

interface Candidate { sheetRow: number; cell: string; rowCode: string; optionKey: string; value: number | null }

function problem(p: { sheetRow: number; cell: string; rowCode: string | null; optionKey: string | null }, message: string, messageVi: string): ExcelCellProblem {
  return { ...p, message: `${p.cell}: ${message}`, messageVi: `${p.cell}: ${messageVi}` };
}

function readCells(wb: ExcelJS.Workbook, layout: Layout, whole: Set<string>): { candidates: Candidate[]; problems: ExcelCellProblem[] } {
  const { sheet, headerRow, cols } = findCells(wb);
  const rows = new Map(layout.rows.map((r) => [r.rowCode, r]));
  const candidates: Candidate[] = [];
  const problems: ExcelCellProblem[] = [];
  const firstRowOf = new Map<string, number>();
  sheet.eachRow((line, sheetRow) => {
    if (sheetRow <= headerRow) return;
    const valueCell = line.getCell(cols.value);
    const raw = rawOf(valueCell);
    if (raw.kind === 'empty') return;                          // no change (also section lines)
    let rowCode = textOf(line.getCell(cols.rowCode));
    const optionKey = textOf(line.getCell(cols.optionKey)).replace(/\s+/g, '');
    const at = { sheetRow, cell: valueCell.address, rowCode: rowCode || null, optionKey };
    if (!rowCode) { problems.push(problem(at, 'a value on a line without a row code', 'có giá trị nhưng dòng không có mã dòng')); return; }
    // A third-party editor may have turned "01" into the number 1.
    if (!rows.has(rowCode) && /^[0-9]+$/.test(rowCode)) {
      const same = layout.rows.filter((r) => /^[0-9]+$/.test(r.rowCode) && Number(r.rowCode) === Number(rowCode));
      if (same.length === 1) rowCode = same[0]!.rowCode;
    }
    at.rowCode = rowCode;
    const row = rows.get(rowCode);
    if (!row) { problems.push(problem(at, `row code ${rowCode} is not on form ${layout.form.code} v${layout.form.version}`, `mã dòng ${rowCode} không có trong biểu ${layout.form.code} phiên bản ${layout.form.version}`)); return; }
    if (!row.options.some((o) => o.key === optionKey)) {
      problems.push(problem(at, `"${optionKey}" is not a disaggregation of row ${rowCode}`, `mã phân tổ "${optionKey}" không thuộc dòng ${rowCode}`));
      return;
    }
    const key = `${rowCode}|${optionKey}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      problems.push(problem(at, `row ${rowCode}${optionKey ? ` (${optionKey})` : ''} repeats line ${first}`, `dòng ${rowCode}${optionKey ? ` (${optionKey})` : ''} bị trùng với dòng ${first} của bảng tính`));
      return;
    }
    firstRowOf.set(key, sheetRow);
    let value: number | null;
    if (raw.kind === 'number') value = raw.percent ? Number((raw.value * 100).toPrecision(15)) : raw.value;
    else if (raw.kind === 'text') {
      const parsed = parseNumberText(raw.text, whole.has(row.indicatorCode));
      if (!parsed.ok) { problems.push(problem(at, parsed.message, parsed.messageVi)); return; }
      value = parsed.value;
    } else { problems.push(problem(at, `${raw.what} is not a number`, `${raw.whatVi} không phải là số`)); return; }
    candidates.push({ sheetRow, cell: valueCell.address, rowCode, optionKey, value });
  });
  return { candidates, problems };
}

const vnNumber = (s: string) => (Number.isFinite(Number(s)) ? new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 }).format(Number(s)) : s);

/** importValues speaks English; the Vietnamese of its known messages, the English as is otherwise. */
function vietnameseOf(message: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^(\S+) takes whole numbers$/.exec(message))) return `${m[1]} chỉ nhận số nguyên`;
  if ((m = /^(\S+): (\S+) is above the maximum (\S+)$/.exec(message))) return `${vnNumber(m[2]!)} vượt quá giá trị tối đa ${vnNumber(m[3]!)} (${m[1]})`;
  if ((m = /^(\S+): (\S+) is below the minimum (\S+)$/.exec(message))) return `${vnNumber(m[2]!)} nhỏ hơn giá trị tối thiểu ${vnNumber(m[3]!)} (${m[1]})`;
  if ((m = /^option "(.*)" is not a disaggregation of (\S+)$/.exec(message))) return `mã phân tổ "${m[1]}" không thuộc chỉ tiêu ${m[2]}`;
  if ((m = /^row (\S+) is not on form (.+)$/.exec(message))) return `mã dòng ${m[1]} không có trong biểu ${m[2]}`;
  if (/appears twice$/.test(message)) return 'ô bị trùng';
  return message;
}

/** Per-cell problems from importValues' `values.N` paths, N indexing `sent`. */
function problemsOfImport(errors: { path: string; message: string }[], sent: Candidate[]): { problems: ExcelCellProblem[]; indexes: Set<number> } {
  const problems: ExcelCellProblem[] = [];
  const indexes = new Set<number>();
  for (const e of errors) {
    const m = /^values\.(\d+)$/.exec(e.path);
    const c = m ? sent[Number(m[1])] : undefined;
    if (!c) continue;
    indexes.add(Number(m![1]));
    problems.push(problem(c, e.message, vietnameseOf(e.message)));
  }
  return { problems, indexes };
}

function refusal(problems: ExcelCellProblem[]): AppError {
  const cells = new Set(problems.map((p) => p.cell)).size;
  return new AppError('import-failed', {
    title: `${cells} cell(s) of the file are invalid; nothing was saved.`,
    detail: `Tệp có ${cells} ô không hợp lệ; chưa lưu giá trị nào. Sửa các ô được liệt kê rồi tải lên lại, hoặc chọn chế độ chỉ lưu các ô hợp lệ.`,
    errors: problems.map((p) => ({ path: p.cell, message: p.messageVi })),
    report: problems,
  });
}

const bySheetOrder = (a: ExcelCellProblem, b: ExcelCellProblem) => a.sheetRow - b.sheetRow;

/**
 * Imports an uploaded template into its report. `all-or-nothing` refuses the whole file when any cell is bad
 * (import-failed, 422, with the report); `save-valid` saves the good cells and reports the rejected ones.
 */
export async function importReportWorkbook(
  ctx: RequestContext, formCode: string, q: { unitId: string; period: string; mode: ExcelImportMode }, file: unknown,
): Promise<ExcelImportResult> {
  if (!Buffer.isBuffer(file) || file.length === 0) throw badFile('The request carries no file.', 'Chưa có tệp tải lên (gửi nội dung tệp .xlsx trong thân yêu cầu).');
  const layout = await reportLayout(ctx, formCode, q.unitId, q.period);
  const wb = await loadWorkbook(file);
  assertTemplateOf(wb, layout);
  const { candidates, problems } = readCells(wb, layout, await wholeNumberIndicators(ctx, layout));
  if (q.mode === 'all-or-nothing' && problems.length) throw refusal(problems.sort(bySheetOrder));

  const rejected = [...problems];
  let pending = candidates;
  let saved = 0;
  while (pending.length) {
    try {
      saved = (await importValues(ctx, formCode, {
        unitId: q.unitId, period: q.period, submit: false, source: 'excel',
        values: pending.map((c) => ({ rowCode: c.rowCode, optionKey: c.optionKey, value: c.value })),
      })).saved;
      break;
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'value-invalid' || !e.extra.errors) throw e;
      const found = problemsOfImport(e.extra.errors, pending);
      if (found.indexes.size === 0) throw e;               // not about cells: let it through
      if (q.mode === 'all-or-nothing') throw refusal(found.problems.sort(bySheetOrder));
      rejected.push(...found.problems);
      pending = pending.filter((_, i) => !found.indexes.has(i));  // each round drops at least one cell
    }
  }
  return { saved, rejected: new Set(rejected.map((p) => p.cell)).size, errors: rejected.sort(bySheetOrder) };
}
