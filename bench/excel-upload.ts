// excel-upload: a 2,000-cell report (50 rows × 40 disaggregation options) downloaded as its .xlsx template,
// filled, and uploaded over HTTP; beside the raw cost of reading the same file with exceljs in the same run.
import ExcelJS from 'exceljs';
import { XLSX_TYPE } from '../src/server/domains/indicators/excel.js';
import {
  type BenchOptions, type BenchRow, type DatabaseKind, formatMs, formatRatio, listenApp, nowMs, openBenchDatabase, percentile,
  postJson, sessionHeaders, signIn, unitIdByCode,
} from './bench-setup.js';

const GOAL_UPLOAD_MS = 1000; // the budget for a 2,000-cell upload
const FORM = 'BENCH-XLSX';

export async function measureExcelUpload(kind: DatabaseKind, options: BenchOptions): Promise<BenchRow[]> {
  const running = await listenApp(await openBenchDatabase(kind, 'xlsx'));
  try {
    const { baseUrl } = running;
    const admin = await signIn(baseUrl);
    const unitId = await unitIdByCode(baseUrl, admin, '689');
    await postJson(baseUrl, admin, '/api/dimensions', { code: 'BENCH_GROUP', name: 'Nhóm', nameEn: 'Group', options: Array.from({ length: 40 }, (_, i) => ({ code: `G${i}`, name: `Nhóm ${i}`, nameEn: `Group ${i}` })) });
    for (let i = 0; i < 50; i++) {
      await postJson(baseUrl, admin, '/api/indicators', { code: `BENCH_X_${i}`, name: `Chỉ tiêu ${i}`, nameEn: `Indicator ${i}`, measureUnit: 'người', sector: 'labour', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'sum', minValue: 0, dimensionCodes: ['BENCH_GROUP'] });
    }
    await postJson(baseUrl, admin, '/api/forms', {
      code: FORM, name: 'Biểu đo tải Excel', nameEn: 'Excel bench form', periodType: 'monthly', deadlineDays: 5, validFromPeriod: '2019-01', assignedUnitIds: [unitId],
      rows: Array.from({ length: 50 }, (_, i) => ({ rowCode: String(i + 1).padStart(2, '0'), section: `Phần ${Math.floor(i / 10) + 1}`, indicatorCode: `BENCH_X_${i}` })),
    });
    const runs = options.quick ? 2 : 6;
    const uploads: number[] = [];
    const parses: number[] = [];
    let cells = 0;
    for (let r = 0; r < runs; r++) {
      const period = `2019-${String(r + 1).padStart(2, '0')}`; // a fresh period each run: every cell is a first save
      const url = `/api/forms/${FORM}/excel?unitId=${unitId}&period=${period}`;
      const template = Buffer.from(await (await fetch(`${baseUrl}${url}`, { headers: sessionHeaders(admin) })).arrayBuffer());
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template as unknown as ArrayBuffer);
      cells = 0;
      wb.getWorksheet('Biểu mẫu')!.eachRow((row, i) => { if (i > 8 && row.getCell(1).value) { row.getCell(5).value = (cells * 7 + r) % 997; cells++; } });
      const filled = Buffer.from(await wb.xlsx.writeBuffer() as ArrayBuffer);
      let t0 = nowMs();
      await new ExcelJS.Workbook().xlsx.load(filled as unknown as ArrayBuffer);
      parses.push(nowMs() - t0);
      t0 = nowMs();
      const res = await fetch(`${baseUrl}${url}`, { method: 'POST', headers: { ...sessionHeaders(admin), 'content-type': XLSX_TYPE }, body: filled });
      uploads.push(nowMs() - t0);
      const body = await res.json() as { saved?: number };
      if (res.status !== 200 || body.saved !== cells) throw new Error(`upload answered ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    }
    const p50 = percentile(uploads, 50);
    const base = percentile(parses, 50);
    return [{
      measure: `excel upload of ${cells} cells (first save, p50 of ${runs}; baseline: exceljs reading the file)`, database: kind,
      value: formatMs(p50), baseline: formatMs(base), ratio: formatRatio(p50, base), goal: `< ${GOAL_UPLOAD_MS} ms`, pass: p50 < GOAL_UPLOAD_MS,
    }];
  } finally {
    await running.close();
  }
}
