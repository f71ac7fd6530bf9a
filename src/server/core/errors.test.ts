import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown; body: string }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = res.json() as Record<string, unknown>;
  expect(body).toMatchObject({ type: `urn:ioc:problem:${code}`, status, code });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(res.body).not.toMatch(/at .*\.ts:\d+|SELECT |INSERT |stack/);
  return body;
}

describe('problem+json errors', () => {
  it('answers 401 with a Vietnamese detail when nobody is signed in', async () => {
    const body = expectProblem(await t.app.inject({ method: 'GET', url: '/api/units' }), 401, 'unauthenticated');
    expect(body.detail).toBe('Vui lòng đăng nhập.');
    expect(body.title).toBe('Sign in first.');
  });

  it('answers 400 invalid-json for a malformed body', async () => {
    const a = await t.admin();
    const res = await a.request({ method: 'POST', url: '/api/agencies', headers: { 'content-type': 'application/json' }, payload: '{"code": "X",' });
    expectProblem(res, 400, 'invalid-json');
  });

  it('answers 400 listing the field for unknown fields and wrong types', async () => {
    const a = await t.admin();
    const unknownField = await a.post('/api/agencies', { code: 'X1', name: 'A', nameEn: 'A', kind: 'other', unitId: await t.unitId('70'), colour: 'red' });
    expectProblem(unknownField, 400, 'validation-failed');
    const wrongType = await a.post('/api/agencies', { code: 'X1', name: 42, nameEn: 'A', kind: 'other', unitId: await t.unitId('70') });
    const body = expectProblem(wrongType, 400, 'validation-failed');
    expect(JSON.stringify(body.errors)).toContain('name');
  });

  it('answers 413 for a body over the limit and writes nothing', async () => {
    const a = await t.admin();
    const res = await a.post('/api/agencies', { code: 'BIG', name: 'x'.repeat(2_000_000), nameEn: 'x', kind: 'other', unitId: await t.unitId('70') });
    expectProblem(res, 413, 'payload-too-large');
    const list = (await a.get('/api/agencies?q=BIG')).json() as { total: number };
    expect(list.total).toBe(0);
  });

  it('answers 415 for a content type the route does not take', async () => {
    const a = await t.admin();
    const res = await a.request({ method: 'POST', url: '/api/agencies', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expectProblem(res, 415, 'unsupported-media-type');
  });

  it('answers 404 problem for an unknown API path and an unknown id', async () => {
    const a = await t.admin();
    expectProblem(await a.get('/api/nothing-here'), 404, 'not-found');
    expectProblem(await a.get('/api/units/01900000-0000-7000-8000-000000000000'), 404, 'not-found');
  });

  it('echoes a request id header that matches the problem body', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/units' });
    expect(res.headers['x-request-id']).toBe((res.json() as { requestId: string }).requestId);
  });
});

describe('health and API description', () => {
  it('reports live and ready with migrations applied', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready' });
  });

  it('serves an OpenAPI 3 document listing the unit routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/units/', '/api/units/{id}/successors', '/api/auth/login']));
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(200);
  });
});
