import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../db/client.js';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.admin();
  expect((await admin.post('/api/procedures', { code: 'T-IM-01', name: 'Thủ tục thử nhập tệp', field: 'Thử nghiệm', level: 'commune', processingDays: 3, onlineLevel: 'level3' })).statusCode).toBe(201);
});
afterAll(async () => { await t?.close(); });

const HEADER = 'code,procedure_code,receiving_unit_code,handling_agency_code,channel,received_at,due_at,finished_at,status,result,holding_agency_code,online_payment,digitised_result,satisfaction';

type Import = { id: string; status: string; dryRun: boolean; totalRows: number; processedRows: number; savedRows: number; errorRows: number; errors: { index: number; code: string | null; field: string | null; message: string }[] };

async function upload(body: string | Buffer, query: string, contentType = 'text/csv') {
  return admin.request({ method: 'POST', url: `/api/dossiers/import?${query}`, payload: body, headers: { 'content-type': contentType } });
}

async function finished(id: string): Promise<Import> {
  for (let i = 0; i < 600; i++) {
    const res = (await admin.get(`/api/dossiers/imports/${id}`)).json() as Import;
    if (res.status !== 'running') return res;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

const storedOf = (source: string) => selectRows<{ code: string; status: string; timeliness: string | null; events: number; holder: string | null }>(t.database.db, sql`
  SELECT d.code, d.status, d.timeliness, (SELECT count(*)::int FROM dossier_events e WHERE e.dossier_id = d.id) AS events,
    (SELECT code FROM agencies a WHERE a.id = d.holding_agency_id) AS holder
  FROM dossiers d WHERE d.source = ${source} ORDER BY d.code`);

const csv = (rows: string[]) => [HEADER, ...rows].join('\n');
const rowsOk = [
  'IM-1,T-IM-01,25195,BP-UBND-689,direct,2024-03-04 08:00,,2024-03-06 15:00,finished,approved,,x,1,satisfied',
  'IM-2,T-IM-01,25195,,online,04/03/2024 09:30,,,in_progress,,BP-STNMT,,,',
];
const rowBad = 'IM-3,NO-SUCH,25195,,direct,2024-03-04 08:00,,2024-03-01,finished,,,,,';

describe('importing dossiers from a file', () => {
  it('rejects the whole file when a row fails (all-or-nothing), naming the row', async () => {
    const res = await upload(csv([...rowsOk, rowBad]), 'source=imp-a');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Import;
    expect(body).toMatchObject({ status: 'failed', totalRows: 3, savedRows: 0, errorRows: 1 });
    expect(body.errors[0]).toMatchObject({ index: 4, code: 'IM-3', field: 'procedureCode' });
    expect(await storedOf('imp-a')).toEqual([]);
  });

  it('writes the valid rows in the background and reports the others (skip-invalid)', async () => {
    const res = await upload(csv([...rowsOk, rowBad]), 'source=imp-b&mode=skip-invalid');
    expect(res.statusCode, res.body).toBe(202);
    const done = await finished((res.json() as Import).id);
    expect(done).toMatchObject({ status: 'done', totalRows: 3, processedRows: 3, savedRows: 2, errorRows: 1 });
    expect(await storedOf('imp-b')).toEqual([
      { code: 'IM-1', status: 'finished', timeliness: 'early', events: 2, holder: 'BP-UBND-689' },
      { code: 'IM-2', status: 'in_progress', timeliness: null, events: 2, holder: 'BP-STNMT' },
    ]);
  });

  it('checks a file without writing it (dry run)', async () => {
    const res = await upload(csv([...rowsOk, rowBad]), 'source=imp-c&dryRun=true&mode=skip-invalid');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, status: 'done', totalRows: 3, errorRows: 1, savedRows: 0 });
    expect(await storedOf('imp-c')).toEqual([]);
  });

  it('reports progress chunk by chunk on the hub for a large file', async () => {
    const rows = Array.from({ length: 4500 }, (_, i) => `BIG-${i},T-IM-01,${i % 2 ? '25195' : '25198'},,online,2024-05-${String(1 + (i % 28)).padStart(2, '0')} 08:00,,,,,,,,`);
    const res = await upload(csv(rows), 'source=imp-d&fileName=lon.csv');
    expect(res.statusCode, res.body).toBe(202);
    const id = (res.json() as Import).id;
    const done = await finished(id);
    expect(done).toMatchObject({ status: 'done', processedRows: 4500, savedRows: 4500, errorRows: 0 });
    const progress = await selectRows<{ processed: number; status: string }>(t.database.db, sql`
      SELECT (data->>'processedRows')::int AS processed, data->>'status' AS status FROM events
      WHERE type = 'dossier.import.progress' AND data->'ids'->>0 = ${id} ORDER BY seq`);
    expect(progress).toEqual([{ processed: 2000, status: 'running' }, { processed: 4000, status: 'running' }, { processed: 4500, status: 'done' }]);
  });

  it('reads an Excel workbook whose times are date cells, uploaded as multipart/form-data', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hồ sơ');
    ws.addRow(HEADER.split(','));
    ws.addRow(['XL-1', 'T-IM-01', '25195', 'BP-UBND-689', 'direct', new Date(Date.UTC(2024, 2, 4, 8, 0)), null, new Date(Date.UTC(2024, 2, 11, 10, 0)), 'finished', 'approved']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const boundary = '----ioc-test-boundary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ho-so.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      file, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await upload(payload, 'source=imp-e', `multipart/form-data; boundary=${boundary}`);
    expect(res.statusCode, res.body).toBe(202);
    const done = await finished((res.json() as Import).id);
    expect(done).toMatchObject({ status: 'done', savedRows: 1 });
    // 4 → 11 March 2024 is 5 working days; the procedure allows 3: late.
    expect(await storedOf('imp-e')).toEqual([{ code: 'XL-1', status: 'finished', timeliness: 'late', events: 2, holder: 'BP-UBND-689' }]);
    const [row] = await selectRows<{ received: string }>(t.database.db, sql`SELECT to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI') AS received FROM dossiers WHERE source = 'imp-e'`);
    expect(row!.received).toBe('2024-03-04 08:00');
  });

  it('shows an import only to whoever started it (and admins)', async () => {
    const res = await upload(csv(rowsOk), 'source=imp-f');
    const id = (res.json() as Import).id;
    await finished(id);
    const officer = await t.userAgent({ role: 'agency_officer', scopeCode: '689' });
    expect((await officer.get(`/api/dossiers/imports/${id}`)).statusCode).toBe(404);
  });
});
