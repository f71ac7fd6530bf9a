// Excel templates of a report: download, fill as a clerk would, upload; refusals of wrong or broken files.
// A round trip through LibreOffice or Excel is not available on this machine: "a third-party editor" is mimicked
// by a workbook written from scratch with exceljs (other sheet name, other title block, "01" typed as 1).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app.js';
import { parseNumberText, XLSX_TYPE } from './excel.js';

// Until app.ts registers formExcelRoutes under /api/forms, the test app gets it here; a no-op afterwards.
let t: TestApp;
let clerk: Agent;         // data clerk of Thành phố Đồng Xoài (689)
let dongXoai: string;
const FORM = 'T-XLSX';
const excelUrl = (period: string, mode?: string) => `/api/forms/${FORM}/excel?unitId=${dongXoai}&period=${period}${mode ? `&mode=${mode}` : ''}`;

type Cell = { rowCode: string; optionKey: string; value: number | null };

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.admin();
  dongXoai = await t.unitId('689');
  // The seed reports from 2021 on; these tests use 2020, where nothing is reported yet.
  const area = await admin.post('/api/indicators', {
    code: 'T_XLSX_AREA', name: 'Diện tích gieo trồng (thử)', nameEn: 'Sown area (test)', measureUnit: 'ha', sector: 'agriculture', valueType: 'number',
    unitAggregation: 'sum', timeAggregation: 'none', decimals: 2, minValue: 0,
  });
  expect(area.statusCode, area.body).toBe(201);
  const form = await admin.post('/api/forms', {
    code: FORM, name: 'Biểu thử nhập Excel', nameEn: 'Excel test form', periodType: 'monthly', deadlineDays: 5, validFromPeriod: '2020-01',
    rows: [
      { rowCode: '01', section: 'Tai nạn', indicatorCode: 'TRAFFIC_ACCIDENTS' },          // integer ≥ 0
      { rowCode: '02', section: 'Tai nạn', indicatorCode: 'TRAFFIC_DEATHS' },
      { rowCode: '03', section: 'Y tế', indicatorCode: 'CHILD_VACCINATION_COVERAGE' },    // percent 0–100
      { rowCode: '04', section: 'Lao động', indicatorCode: 'JOBS_CREATED' },              // integer, SEX × AREA
      { rowCode: '05', section: 'Nông nghiệp', indicatorCode: 'T_XLSX_AREA' },            // number ≥ 0
    ],
    assignedUnitIds: [dongXoai],
  });
  expect(form.statusCode, form.body).toBe(201);
  clerk = await t.userAgent({ role: 'data_clerk', scopeCode: '689' });
});
afterAll(async () => { await t?.close(); });

async function download(period: string): Promise<ExcelJS.Workbook> {
  const res = await clerk.get(excelUrl(period));
  expect(res.statusCode, res.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  return wb;
}

/** The value cell of a row code and option key in a downloaded template. */
function valueCell(wb: ExcelJS.Workbook, rowCode: string, optionKey = ''): ExcelJS.Cell {
  const ws = wb.getWorksheet('Biểu mẫu')!;
  let found: ExcelJS.Cell | null = null;
  ws.eachRow((row) => {
    if (!found && row.getCell(1).value === rowCode && (row.getCell(4).value ?? '') === optionKey) found = row.getCell(5);
  });
  if (!found) throw new Error(`no line for ${rowCode} ${optionKey}`);
  return found;
}

async function fill(wb: ExcelJS.Workbook, edits: [rowCode: string, optionKey: string, value: ExcelJS.CellValue][]): Promise<Buffer> {
  for (const [rowCode, optionKey, value] of edits) valueCell(wb, rowCode, optionKey).value = value;
  return Buffer.from(await wb.xlsx.writeBuffer() as ArrayBuffer);
}

const upload = (period: string, file: Buffer, mode?: string) =>
  clerk.request({ method: 'POST', url: excelUrl(period, mode), payload: file, headers: { 'content-type': XLSX_TYPE } });

async function cells(period: string): Promise<Cell[]> {
  const res = await clerk.get(`/api/forms/${FORM}/entry?unitId=${dongXoai}&period=${period}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { cells: Cell[] }).cells;
}
const valueOf = (all: Cell[], rowCode: string, optionKey = '') => all.find((c) => c.rowCode === rowCode && c.optionKey === optionKey)?.value;

const URBAN_MALE = 'AREA=URBAN;SEX=MALE';
const RURAL_FEMALE = 'AREA=RURAL;SEX=FEMALE';

describe('the template', () => {
  it('is a protected workbook of the report with its current values, codes locked and values open', async () => {
    const put = await clerk.request({ method: 'PUT', url: `/api/forms/${FORM}/entry?unitId=${dongXoai}&period=2020-02`, payload: { values: [{ rowCode: '01', value: 7, baseVersion: 0 }] } });
    expect(put.statusCode, put.body).toBe(200);
    const res = await clerk.get(excelUrl('2020-02'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toBe('attachment; filename="T-XLSX_2020-02_689.xlsx"');

    const wb = await download('2020-02');
    const ws = wb.getWorksheet('Biểu mẫu')!;
    expect(String(ws.getCell('A1').value)).toMatch(/T-XLSX — Biểu thử nhập Excel \(phiên bản 1\)/);
    expect(ws.getCell('B2').value).toMatch(/Đồng Xoài/);
    expect(ws.getCell('B3').value).toBe('Tháng 02/2020 (2020-02)');
    expect(ws.getCell('B4').value).toBe('05/03/2020');
    expect(ws.getRow(8).values).toEqual([undefined, 'Mã dòng', 'Chỉ tiêu', 'Đơn vị tính', 'Mã phân tổ', 'Giá trị']);
    expect(ws.getCell('B9')).toMatchObject({ value: 'Tai nạn' });
    expect(ws.getCell('B9').font.bold).toBe(true);
    expect(valueCell(wb, '01').value).toBe(7);
    expect(valueCell(wb, '02').value).toBeNull();
    const jobs = ws.getRow(Number(valueCell(wb, '04', URBAN_MALE).row));
    expect(jobs.getCell(2).value).toBe('Số lao động được giải quyết việc làm — Thành thị · Nam');
    expect(jobs.getCell(3).value).toBe('người');
    expect((ws as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true });   // not in exceljs' types
    expect(jobs.getCell(5).protection).toMatchObject({ locked: false });
    expect(jobs.getCell(1).protection?.locked).not.toBe(false);
    expect(ws.getColumn(2).width).toBe(60);
    const meta = wb.getWorksheet('_ioc')!;
    expect(meta.state).toBe('hidden');
    expect(meta.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1))).toEqual([['formCode', FORM], ['formVersion', '1'], ['unitId', dongXoai], ['period', '2020-02'], ['layout', '1']]);
  });
});

describe('uploading a filled template', () => {
  it('saves numbers, numbers typed as Vietnamese or English text, and clears a cell marked "-"', async () => {
    const wb = await download('2020-03');
    const file = await fill(wb, [
      ['01', '', 12],
      ['02', '', ' 3 '],
      ['03', '', '95,5'],                  // Vietnamese decimal comma
      ['04', URBAN_MALE, 1234],
      ['04', RURAL_FEMALE, '1.234'],       // whole-number indicator: a Vietnamese thousands dot
      ['05', '', '1.234,5'],
    ]);
    const res = await upload('2020-03', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ saved: 6, rejected: 0, errors: [] });
    let now = await cells('2020-03');
    expect([valueOf(now, '01'), valueOf(now, '02'), valueOf(now, '03'), valueOf(now, '04', URBAN_MALE), valueOf(now, '04', RURAL_FEMALE), valueOf(now, '05')])
      .toEqual([12, 3, 95.5, 1234, 1234, 1234.5]);

    // The next download carries those values; "-" clears 02, "1,234.5" (English) rewrites 05 the same, empty cells change nothing.
    const again = await download('2020-03');
    expect(valueCell(again, '05').value).toBe(1234.5);
    const second = await upload('2020-03', await fill(again, [['01', '', null], ['02', '', '-'], ['05', '', '1,234.5'], ['03', '', 'x']]));
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ saved: 2, rejected: 0 });      // 05 is unchanged: no new version
    now = await cells('2020-03');
    expect([valueOf(now, '01'), valueOf(now, '02'), valueOf(now, '03'), valueOf(now, '05')]).toEqual([12, null, null, 1234.5]);
  });

  it('refuses the whole file when a value is out of range, naming the cell, and saves nothing', async () => {
    const wb = await download('2020-04');
    const address = valueCell(wb, '03').address;
    const res = await upload('2020-04', await fill(wb, [['01', '', 5], ['03', '', 104]]));
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json() as { code: string; detail: string; report: { cell: string; rowCode: string; sheetRow: number; messageVi: string }[]; errors: { path: string }[] };
    expect(body.code).toBe('import-failed');
    expect(body.detail).toMatch(/chưa lưu giá trị nào/);
    expect(body.report).toEqual([expect.objectContaining({ cell: address, rowCode: '03', optionKey: '', sheetRow: Number(address.slice(1)) })]);
    expect(body.report[0]!.messageVi).toBe(`${address}: 104 vượt quá giá trị tối đa 100 (CHILD_VACCINATION_COVERAGE)`);
    expect(body.errors).toEqual([expect.objectContaining({ path: address })]);
    expect(valueOf(await cells('2020-04'), '01')).toBeNull();
  });

  it('in save-valid mode saves the good cells and reports the rejected ones', async () => {
    const wb = await download('2020-05');
    const bad = valueCell(wb, '03').address;
    const unreadable = valueCell(wb, '04', URBAN_MALE).address;
    const ambiguous = valueCell(wb, '05').address;
    const res = await upload('2020-05', await fill(wb, [['01', '', 5], ['02', '', 2.5], ['03', '', 104], ['04', URBAN_MALE, '12 người'], ['04', RURAL_FEMALE, 9], ['05', '', '1.234']]), 'save-valid');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { saved: number; rejected: number; errors: { cell: string; messageVi: string }[] };
    expect(body.saved).toBe(2);
    expect(body.rejected).toBe(4);
    expect(body.errors.map((e) => e.cell)).toEqual([valueCell(wb, '02').address, bad, unreadable, ambiguous]);
    expect(body.errors[0]!.messageVi).toMatch(/chỉ nhận số nguyên/);
    expect(body.errors[2]!.messageVi).toMatch(/không phải là số/);
    expect(body.errors[3]!.messageVi).toMatch(/không rõ là số nghìn hay số thập phân/);
    const now = await cells('2020-05');
    expect([valueOf(now, '01'), valueOf(now, '02'), valueOf(now, '03'), valueOf(now, '04', RURAL_FEMALE)]).toEqual([5, null, null, 9]);
  });

  it('reports a repeated line and an unknown row code in all-or-nothing mode before saving anything', async () => {
    const wb = await download('2020-06');
    const ws = wb.getWorksheet('Biểu mẫu')!;
    ws.addRow(['01', 'chép thêm', 'vụ', '', 4]);
    ws.addRow(['99', 'dòng lạ', '', '', 1]);
    const res = await upload('2020-06', await fill(wb, [['01', '', 3]]));
    expect(res.statusCode).toBe(422);
    const report = (res.json() as { report: { cell: string; messageVi: string }[] }).report;
    expect(report.map((r) => r.messageVi)).toEqual([expect.stringMatching(/bị trùng với dòng 10/), expect.stringMatching(/mã dòng 99 không có trong biểu T-XLSX/)]);
    expect(valueOf(await cells('2020-06'), '01')).toBeNull();
  });

  it('reads a workbook written by another program with the same columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['Báo cáo tháng 7']);
    ws.addRow([]);
    ws.addRow(['Mã dòng', 'Chỉ tiêu', 'Đơn vị tính', 'Mã phân tổ', 'Giá trị']);
    ws.addRow([1, 'Số vụ tai nạn giao thông', 'vụ', null, 8]);                          // "01" became a number
    ws.addRow(['03', 'Tiêm chủng', '%', '', 0.9]).getCell(5).numFmt = '0%';               // typed as 90%
    ws.addRow(['04', 'Việc làm', 'người', URBAN_MALE, { formula: '10+5', result: 15 }]);
    ws.addRow(['05', 'GRDP', 'triệu đồng', '', { richText: [{ text: '72,' }, { text: '25' }] }]);
    const meta = wb.addWorksheet('_ioc', { state: 'hidden' });
    meta.addRows([['formCode', FORM], ['formVersion', 1], ['unitId', dongXoai], ['period', '2020-07']]);
    const res = await upload('2020-07', Buffer.from(await wb.xlsx.writeBuffer() as ArrayBuffer));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ saved: 4, rejected: 0 });
    const now = await cells('2020-07');
    expect([valueOf(now, '01'), valueOf(now, '03'), valueOf(now, '04', URBAN_MALE), valueOf(now, '05')]).toEqual([8, 90, 15, 72.25]);
  });
});

describe('refused files', () => {
  it('refuses the template of another period, saying which', async () => {
    const wb = await download('2020-08');
    const res = await upload('2020-09', await fill(wb, [['01', '', 1]]));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'bad-request', detail: expect.stringMatching(/^Tệp không đúng mẫu.*kỳ 2020-08 thay vì 2020-09/) });
    expect(valueOf(await cells('2020-09'), '01')).toBeNull();
  });

  it('refuses a workbook that is not a template of this system', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['Mã dòng', 'Giá trị']);
    const res = await upload('2020-09', Buffer.from(await wb.xlsx.writeBuffer() as ArrayBuffer));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'bad-request', detail: expect.stringMatching(/^Tệp không đúng mẫu/) });
  });

  it.each([
    ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
    ['a CSV renamed .xlsx', Buffer.from('Mã dòng,Giá trị\n01,5\n')],
    ['a truncated workbook', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)])],
  ])('refuses %s with a clear message and no stack trace', async (_name, bytes) => {
    const res = await upload('2020-09', bytes);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'bad-request', detail: expect.stringMatching(/\.xlsx/) });
    expect(res.body).not.toMatch(/\bat .*\.(js|ts):\d+/);
  });

  it('refuses an empty body and a body over the import limit', async () => {
    expect((await upload('2020-09', Buffer.alloc(0))).statusCode).toBe(400);
    const big = await upload('2020-09', Buffer.alloc(20 * 1_048_576 + 1));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'payload-too-large' });
  });
});

describe('numbers typed as text', () => {
  it.each([
    ['1234', false, 1234], ['1.234,5', false, 1234.5], ['1,234.5', false, 1234.5], ['1 234,5', false, 1234.5], ['1\u00a0234', false, 1234],
    ['12,5', false, 12.5], ['0.125', false, 0.125], ['1234,567', false, 1234.567], ['1.234.567', false, 1234567], ['1,234,567', true, 1234567],
    ['-3,5', false, -3.5], ['−2', false, -2], ['95%', false, 95], ['12.500', true, 12500], ['-', false, null], ['x', false, null],
  ])('reads "%s" (whole numbers: %s) as %s', (text, whole, value) => {
    expect(parseNumberText(text, whole)).toEqual({ ok: true, value });
  });

  it.each([['1.234', false], ['12,345', false], ['1.23.4', true], ['1,2,3', false], ['12abc', false], ['1.234.5,6', false], ['', false], ['1e5', false], ['12.', false]])(
    'refuses "%s" (whole numbers: %s)', (text, whole) => {
      expect(parseNumberText(text, whole)).toMatchObject({ ok: false, messageVi: expect.any(String) });
    },
  );
});
