import { sql } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../db/client.js';
import { publish } from '../../core/hub.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { citizenActor, intakePublicReport } from './feedback.service.js';

let t: TestApp;
let apiKey: string;
let point: { lat: number; lon: number };
const xml = new XMLParser({ parseTagValue: false });

beforeAll(async () => {
  t = await createTestApp();
  const a = await t.admin();
  const res = await a.post('/api/api-keys', { name: 'open311-app', role: 'viewer', scopeUnitId: await t.unitId('75') });
  apiKey = (res.json() as { secret: string }).secret;
  const [p] = await selectRows<{ lat: number; lon: number }>(t.database.db,
    sql`SELECT ST_Y(p) AS lat, ST_X(p) AS lon FROM (SELECT ST_PointOnSurface(boundary) AS p FROM units WHERE code = 'DN-new-p-dong-xoai') s`);
  point = { lat: Number(p!.lat), lon: Number(p!.lon) };
});
afterAll(async () => { await t?.close(); });

const get = (url: string) => t.app.inject({ method: 'GET', url: `/open311/v2/${url}` });
const post = (url: string, fields: Record<string, string>) => t.app.inject({
  method: 'POST', url: `/open311/v2/${url}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString(),
});

/** A multipart/form-data POST as FixMyStreet and Open311 mobile clients send it: form fields and one file named "media". */
function postMultipart(url: string, fields: Record<string, string>, file: { filename: string; type: string; content: Buffer }) {
  const boundary = `----open311-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return t.app.inject({ method: 'POST', url: `/open311/v2/${url}`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(chunks) });
}

describe('Open311 GeoReport v2', () => {
  it('answers discovery and the service list in JSON and XML', async () => {
    const d = await get('discovery.json');
    expect(d.statusCode).toBe(200);
    expect(d.json()).toMatchObject({ endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', formats: ['application/json', 'text/xml'] }] });
    const dx = await get('discovery.xml');
    expect(dx.headers['content-type']).toContain('text/xml');
    expect(dx.body.startsWith('<?xml version="1.0" encoding="UTF-8"?><discovery>')).toBe(true);
    expect(xml.parse(dx.body).discovery.endpoints.endpoint.formats.format).toEqual(['application/json', 'text/xml']);

    const services = (await get('services.json')).json() as { service_code: string; metadata: boolean; type: string; group: string }[];
    expect(services.find((s) => s.service_code === 'roads')).toMatchObject({ metadata: true, type: 'realtime', group: 'Hạ tầng' });
    expect(services.find((s) => s.service_code === 'environment')).toMatchObject({ metadata: false });
    const sx = xml.parse((await get('services.xml')).body) as { services: { service: { service_code: string; service_name: string }[] } };
    expect(sx.services.service.find((s) => s.service_code === 'roads')!.service_name).toBe('Đường sá, cầu cống');
  });

  it('describes a service’s attributes, and answers 404 for an unknown one in the format asked', async () => {
    const def = (await get('services/roads.json')).json() as { service_code: string; attributes: { code: string; datatype: string; values: { key: string }[] }[] };
    expect(def.attributes[0]).toMatchObject({ code: 'damage', datatype: 'singlevaluelist', variable: true, required: false });
    expect(def.attributes[0]!.values.map((v) => v.key)).toContain('pothole');
    const dx = xml.parse((await get('services/roads.xml')).body);
    expect(dx.service_definition.attributes.attribute.values.value.map((v: { key: string }) => v.key)).toContain('pothole');
    const missing = await get('services/nope.json');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: 'service_code nope not found' }]);
    const missingXml = await get('services/nope.xml');
    expect(missingXml.statusCode).toBe(404);
    expect(xml.parse(missingXml.body)).toEqual({ '?xml': '', errors: { error: { code: '404', description: 'service_code nope not found' } } });
  });

  it('takes a request with an API key, routes it, and reads it back anonymised', async () => {
    const res = await post('requests.json', {
      api_key: apiKey, service_code: 'roads', lat: String(point.lat), long: String(point.lon),
      description: 'Ổ gà sâu trước trường học', email: 'dan@example.vn', first_name: 'Lan', phone: '0911222333', 'attribute[damage]': 'pothole',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [created] = res.json() as { service_request_id: string; service_notice: string }[];
    expect(created!.service_request_id).toMatch(/^PA/);

    const one = await get(`requests/${created!.service_request_id}.json`);
    const [r] = one.json() as Record<string, unknown>[];
    expect(r).toMatchObject({ service_request_id: created!.service_request_id, status: 'open', service_code: 'roads', agency_responsible: 'Sở Xây dựng tỉnh Đồng Nai', lat: point.lat, long: point.lon });
    expect(r!.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(r!.expected_datetime).toMatch(/\+07:00$/);
    expect(one.body).not.toContain('dan@example.vn');
    expect(one.body).not.toContain('0911222333');
    expect(one.body).not.toContain('Lan');

    const x = xml.parse((await get(`requests/${created!.service_request_id}.xml`)).body);
    expect(x.service_requests.request).toMatchObject({ service_request_id: created!.service_request_id, status: 'open' });

    const staff = (await (await t.admin()).get(`/api/feedback?q=${created!.service_request_id}`)).json() as { items: { id: string; channel: string }[] };
    expect(staff.items[0]!.channel).toBe('open311');
    const detail = (await (await t.admin()).get(`/api/feedback/${staff.items[0]!.id}`)).json() as { reporter: unknown; attributes: unknown };
    expect(detail).toMatchObject({ reporter: { name: 'Lan', phone: '0911222333', email: 'dan@example.vn' }, attributes: { damage: 'pothole' } });
  });

  it('takes a multipart/form-data request with a photo in "media", stores it without its metadata and links it as media_url', async () => {
    const photo = await sharp({ create: { width: 90, height: 60, channels: 3, background: '#c33' } }).jpeg().withExif({ IFD0: { Make: 'PhoneOfCitizen' } }).toBuffer();
    const res = await postMultipart('requests.json', {
      api_key: apiKey, service_code: 'roads', lat: String(point.lat), long: String(point.lon),
      description: 'Ổ gà có ảnh từ ứng dụng', first_name: 'Hoa', 'attribute[damage]': 'pothole',
    }, { filename: 'IMG_0001.jpg', type: 'image/jpeg', content: photo });
    expect(res.statusCode, res.body).toBe(200);
    const [created] = res.json() as { service_request_id: string; token: string }[];
    expect(created!.service_request_id).toMatch(/^PA/);

    const [r] = (await get(`requests/${created!.service_request_id}.json`)).json() as { media_url: string | null }[];
    expect(r!.media_url).toMatch(new RegExp(`/api/public/reports/${created!.service_request_id}/photos/[0-9a-f-]+$`));
    const served = await t.app.inject({ method: 'GET', url: new URL(r!.media_url!).pathname });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(served.rawPayload).metadata()).exif).toBeUndefined();

    const staff = (await (await t.admin()).get(`/api/feedback?q=${created!.service_request_id}`)).json() as { items: { id: string }[] };
    const detail = (await (await t.admin()).get(`/api/feedback/${staff.items[0]!.id}`)).json() as { attributes: unknown; reporter: { name: string | null } };
    expect(detail).toMatchObject({ attributes: { damage: 'pothole' }, reporter: { name: 'Hoa' } });
  });

  it('refuses a non-image "media" with the Open311 error shape, and stores nothing', async () => {
    const count = async () => (await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM reports WHERE description = 'Không phải ảnh'`))[0]!.n;
    const fields = { api_key: apiKey, service_code: 'roads', lat: String(point.lat), long: String(point.lon), description: 'Không phải ảnh' };
    const res = await postMultipart('requests.json', fields, { filename: 'anh.jpg', type: 'image/jpeg', content: Buffer.from('%PDF-1.4 not a photo at all') });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual([{ code: 400, description: 'media is not a photo; send a JPEG, PNG or WebP image' }]);
    const x = await postMultipart('requests.xml', fields, { filename: 'a.txt', type: 'text/plain', content: Buffer.from('hello') });
    expect(x.statusCode).toBe(400);
    expect(xml.parse(x.body)).toEqual({ '?xml': '', errors: { error: { code: '400', description: 'media is not a photo; send a JPEG, PNG or WebP image' } } });
    // Without a valid key the photo is never looked at: 403 first, as for a form-urlencoded request.
    const noKey = await postMultipart('requests.json', { ...fields, api_key: 'wrong' }, { filename: 'a.txt', type: 'text/plain', content: Buffer.from('hello') });
    expect(noKey.statusCode).toBe(403);
    expect(await count()).toBe(0);
  });

  it('writes intakes that arrive together in few transactions, each with its own code, unit, route, timeline, audit row and hub event', async () => {
    const before = (await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM reports WHERE channel = 'open311'`))[0]!.n;
    const origin = { db: t.database.db, ip: '127.0.0.1', requestId: 'batch-test', publish, actor: citizenActor('open311') };
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => intakePublicReport(origin, {
      categoryCode: i % 2 ? 'roads' : 'other', description: `Phản ánh đồng thời số ${String(i).padStart(2, '0')}`,
      location: { lat: point.lat, lon: point.lon + i * 1e-6 }, channel: 'open311', urgency: 'normal',
    })));
    const codes = created.map((c) => c.record.report.trackingCode);
    expect(new Set(codes).size).toBe(12);
    expect(created.map((c) => c.record.report.description)).toEqual(created.map((_, i) => `Phản ánh đồng thời số ${String(i).padStart(2, '0')}`));
    // A transaction's events share its start time: fewer distinct times than reports means they were batched.
    const [tx] = await selectRows<{ n: number }>(t.database.db, sql`
      SELECT count(DISTINCT at)::int AS n FROM events WHERE type = 'report.created' AND data->'ids' ?| ${`{${created.map((c) => c.record.report.id).join(',')}}`}::text[]`);
    expect(tx!.n).toBeLessThan(12);
    const rows = await selectRows<{ code: string; unit: string; agency: string | null; state: string; events: number; audits: number; hub: number }>(t.database.db, sql`
      SELECT r.tracking_code AS code, u.code AS unit, a.name AS agency, r.state,
        (SELECT count(*)::int FROM report_events e WHERE e.report_id = r.id) AS events,
        (SELECT count(*)::int FROM audit_log l WHERE l.entity_id = r.id::text AND l.action = 'report.create') AS audits,
        (SELECT count(*)::int FROM events h WHERE h.type = 'report.created' AND h.data->'ids' ? r.id::text) AS hub
      FROM reports r JOIN units u ON u.id = r.unit_id LEFT JOIN agencies a ON a.id = r.agency_id
      WHERE r.tracking_code IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)}) ORDER BY r.description`);
    expect(rows).toHaveLength(12);
    for (const [i, r] of rows.entries()) {
      expect(r.unit).toBe('DN-new-p-dong-xoai');
      // "other" waits for an operator; roads go to the construction department by the routing matrix.
      expect(r).toMatchObject(i % 2 ? { agency: 'Sở Xây dựng tỉnh Đồng Nai', state: 'assigned', events: 2 } : { agency: null, state: 'new', events: 1 });
      expect([r.audits, r.hub]).toEqual([1, 1]);
    }
    const after = (await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM reports WHERE channel = 'open311'`))[0]!.n;
    expect(after - before).toBe(12);
  });

  it('answers the token of a request', async () => {
    const [created] = (await post('requests.json', { api_key: apiKey, service_code: 'other', address_string: 'Chợ Đồng Xoài', description: 'Góp ý' })).json() as { service_request_id: string }[];
    const [token] = await selectRows<{ token: string }>(t.database.db, sql`SELECT token FROM reports WHERE tracking_code = ${created!.service_request_id}`);
    expect((await get(`tokens/${token!.token}.json`)).json()).toEqual([{ service_request_id: created!.service_request_id, token: token!.token }]);
    expect((await get('tokens/unknown.json')).statusCode).toBe(404);
  });

  it('refuses a POST without a valid API key (403) or without a location (400), in JSON and XML', async () => {
    const noKey = await post('requests.json', { service_code: 'roads', lat: '11.5', long: '106.9', description: 'x' });
    expect(noKey.statusCode).toBe(403);
    expect(noKey.json()).toEqual([{ code: 403, description: 'api_key is required' }]);
    const badKey = await post('requests.xml', { api_key: 'wrong', service_code: 'roads', lat: '11.5', long: '106.9', description: 'x' });
    expect(badKey.statusCode).toBe(403);
    expect(xml.parse(badKey.body).errors.error).toEqual({ code: '403', description: 'api_key is not valid' });
    const noPlace = await post('requests.json', { api_key: apiKey, service_code: 'roads', description: 'x' });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json()).toEqual([{ code: 400, description: 'lat and long, address_string or address_id is required' }]);
    const tooLong = await post('requests.json', { api_key: apiKey, service_code: 'roads', address_string: 'x', description: 'a'.repeat(4001) });
    expect(tooLong.statusCode).toBe(400);
    expect((tooLong.json() as { description: string }[])[0]!.description).toContain('4000');
    const badValue = await post('requests.json', { api_key: apiKey, service_code: 'roads', address_string: 'x', description: 'x', 'attribute[damage]': 'volcano' });
    expect(badValue.statusCode).toBe(400);
    const unknown = await post('requests.json', { api_key: apiKey, service_code: 'nope', address_string: 'x', description: 'x' });
    expect(unknown.statusCode).toBe(404);
  });

  it('lists requests of the last 90 days by default, filters by status and code, pages, and refuses a wider window', async () => {
    for (let i = 0; i < 3; i++) await post('requests.json', { api_key: apiKey, service_code: 'water-supply', address_string: `Tổ ${i}`, description: `Mất nước ${i}` });
    // One old report, outside the default window.
    await t.database.db.execute(sql`UPDATE reports SET created_at = now() - interval '120 days' WHERE description = 'Mất nước 0'`);
    const all = (await get('requests.json?service_code=water-supply')).json() as { description: string }[];
    expect(all.map((r) => r.description).sort()).toEqual(['Mất nước 1', 'Mất nước 2']);
    const page1 = (await get('requests.json?service_code=water-supply&page_size=1&page=1')).json() as { service_request_id: string }[];
    const page2 = (await get('requests.json?service_code=water-supply&page_size=1&page=2')).json() as { service_request_id: string }[];
    expect(page1).toHaveLength(1);
    expect(page2).toHaveLength(1);
    expect(page1[0]!.service_request_id).not.toBe(page2[0]!.service_request_id);
    const old = new Date(Date.now() - 125 * 86_400_000).toISOString();
    const windowed = (await get(`requests.json?service_code=water-supply&start_date=${encodeURIComponent(old)}`)).json() as { description: string }[];
    expect(windowed.map((r) => r.description)).toEqual(['Mất nước 0']);
    expect((await get('requests.json?status=closed&service_code=water-supply')).json()).toEqual([]);
    const wide = await get(`requests.xml?start_date=${encodeURIComponent(old)}&end_date=${encodeURIComponent(new Date().toISOString())}`);
    expect(wide.statusCode).toBe(400);
    expect(xml.parse(wide.body).errors.error.description).toContain('90 days');
    expect((await get('requests.json?start_date=yesterday')).statusCode).toBe(400);
    expect((await get('requests.json?page_size=5000')).statusCode).toBe(400);
    const byIds = (await get(`requests.json?service_request_id=${page1[0]!.service_request_id},${page2[0]!.service_request_id}`)).json() as unknown[];
    expect(byIds).toHaveLength(2);
    const asXml = xml.parse((await get('requests.xml?service_code=water-supply')).body);
    expect(asXml.service_requests.request).toHaveLength(2);
  });

  it('publishes status changes through servicerequestupdates (FixMyStreet)', async () => {
    const [created] = (await post('requests.json', { api_key: apiKey, service_code: 'roads', lat: String(point.lat), long: String(point.lon), description: 'Biển báo bị đổ' })).json() as { service_request_id: string }[];
    const a = await t.admin();
    const { items } = (await a.get(`/api/feedback?q=${created!.service_request_id}`)).json() as { items: { id: string }[] };
    await a.post(`/api/feedback/${items[0]!.id}/transition`, { to: 'in_progress' });
    await a.post(`/api/feedback/${items[0]!.id}/transition`, { to: 'resolved', reason: 'Đã dựng lại biển báo' });
    const updates = (await get('servicerequestupdates.json')).json() as { service_request_id: string; status: string; description: string; updated_datetime: string }[];
    const mine = updates.filter((u) => u.service_request_id === created!.service_request_id);
    expect(mine.map((u) => u.status)).toEqual(['OPEN', 'INVESTIGATING', 'IN_PROGRESS', 'FIXED']);
    expect(mine.at(-1)!.description).toBe('Đã dựng lại biển báo');
    const ux = xml.parse((await get('servicerequestupdates.xml')).body);
    expect(ux.service_request_updates.request_update.length).toBeGreaterThanOrEqual(4);
    const [closed] = (await get(`requests/${created!.service_request_id}.json`)).json() as { status: string }[];
    expect(closed!.status).toBe('closed');
  });

  it('answers 404 in the spec’s format for an unknown resource', async () => {
    const res = await get('nothing.xml');
    expect(res.statusCode).toBe(404);
    expect(xml.parse(res.body).errors.error.code).toBe('404');
    expect((await get('requests/PA00000000.json')).json()).toEqual([{ code: 404, description: 'service_request_id PA00000000 not found' }]);
  });
});
