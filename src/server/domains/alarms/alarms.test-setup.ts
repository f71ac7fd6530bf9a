// Shared set-up of the alarm test files: the test template carries the demo's alarm rules and routes, which
// would judge the tests' devices and notify too; each file brings its own instead.
import { expect } from 'vitest';
import type { AlarmRule } from '../../../shared/contracts/alarms.js';
import type { Agent } from '../../test/test-app.js';

export async function withoutDemoAlarmRules(admin: Agent): Promise<void> {
  for (const r of ((await admin.get('/api/alarm-rules')).json() as { items: AlarmRule[] }).items) {
    expect((await admin.patch(`/api/alarm-rules/${r.id}`, { enabled: false })).statusCode).toBe(200);
  }
  for (const r of ((await admin.get('/api/alarm-routes')).json() as { items: { id: string }[] }).items) {
    expect((await admin.request({ method: 'DELETE', url: `/api/alarm-routes/${r.id}` })).statusCode).toBe(200);
  }
}
