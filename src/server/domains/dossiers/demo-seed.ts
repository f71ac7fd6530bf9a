// Demo dossiers: the procedure catalog of demo-procedures.data.ts and ~3 years of SYNTHETIC dossiers for the
// demo province (Bình Phước units until 2025-06-30, merged Đồng Nai communes after). Everything generated
// here is made up (source 'demo', codes 'DEMO-…'): volumes, channels, delays, ratings. Generated in memory
// with a seeded random generator, written in large set-based batches, daily counts filled in one statement.
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { DbOrTx } from '../../db/client.js';
import { selectRows } from '../../db/client.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { addWorkingDays, isWorkingDay, vietnamDate, type WorkingCalendar, workingDaysBetween } from '../calendar/working-days.js';
import { demoFields, demoProcedures } from './demo-procedures.data.js';
import { dailyStatsRecountSql } from './ingest.queries.js';
import { seededRandom } from '../../core/seeded-random.js';

export const DEMO_SOURCE = 'demo';
// PostgreSQL loads 300,000 in well under 15 s; PGlite (single-threaded WASM) manages ~4,000 dossiers/s with
// their events and daily counts, so its default stays at what keeps a first start about 15 s longer.
export const DEFAULT_DEMO_DOSSIERS = 300_000;
export const DEFAULT_DEMO_DOSSIERS_PGLITE = 50_000;
const YEARS = 3;
const DAY_MS = 86_400_000;
const BATCH = 10_000;

// Provincial departments merged on 2025-03-01 (see units/demo-province.data.ts).
const mergedInto: Record<string, string> = {
  'BP-SKHDT': 'BP-STC', 'BP-SGTVT': 'BP-SXD', 'BP-STNMT': 'BP-SNNMT', 'BP-STTTT': 'BP-SKHCN', 'BP-SLDTBXH': 'BP-SNV', 'BP-SNNPTNT': 'BP-SNNMT',
};

export async function hasDemoProcedures(db: DbOrTx): Promise<boolean> {
  const [row] = await selectRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM procedures`);
  return (row?.n ?? 0) > 0;
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

interface UnitInfo { id: string; code: string; path: string; level: number; validFrom: string; validTo: string | null }
interface AgencyInfo { id: string; code: string; validFrom: string; validTo: string | null }
interface ProcedureInfo { id: string; code: string; field: string; level: 'p' | 'd' | 'c'; days: number; online: 'full' | 'partial' | 'none'; weight: number }

const isValidOn = (x: { validFrom: string; validTo: string | null }, day: string) => x.validFrom <= day && (x.validTo === null || day < x.validTo);

/** Inserts the demo procedure catalog; the default handling agency is today's department where one exists. */
export async function seedDemoProcedures(db: DbOrTx): Promise<ProcedureInfo[]> {
  const agencies = await selectRows<{ id: string; code: string }>(db, sql`SELECT id, code FROM agencies`);
  const agencyId = new Map(agencies.map((a) => [a.code, a.id]));
  const counters = new Map<string, number>();
  const out: ProcedureInfo[] = [];
  const rows = demoProcedures.map(([field, level, days, online, weight, name]) => {
    const f = demoFields[field]!;
    const key = `${f.code}-${level.toUpperCase()}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    const code = `${key}-${String(n).padStart(3, '0')}`;
    const dept = f.department;
    const current = `DN-${(mergedInto[dept] ?? dept).slice(3)}`;
    const id = uuidv7();
    out.push({ id, code, field, level, days, online, weight });
    return {
      id, code, national_code: null, name, name_en: null, field, level: level === 'p' ? 'province' : level === 'd' ? 'district' : 'commune',
      processing_days: days, online_level: online, agency_id: level === 'p' ? agencyId.get(current) ?? null : null,
    };
  });
  await db.execute(sql`INSERT INTO procedures (id, code, national_code, name, name_en, field, level, processing_days, online_level, agency_id)
    SELECT x.id, x.code, x.national_code, x.name, x.name_en, x.field, x.level, x.processing_days, x.online_level, x.agency_id
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(id uuid, code text, national_code text, name text, name_en text, field text, level text,
      processing_days int, online_level text, agency_id uuid)`);
  return out;
}

/** Picks from weighted items with one random number (cumulative weights, binary search). */
function weightedPicker<T>(items: T[], weightOf: (t: T) => number): (r: number) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) { total += weightOf(item); cumulative.push(total); }
  return (r) => {
    const target = r * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > target) hi = mid; else lo = mid + 1;
    }
    return items[lo]!;
  };
}

/** An instant from a Vietnam date and a time of day in minutes. */
const vnInstant = (day: string, minutes: number) => new Date(Date.parse(`${day}T00:00:00Z`) - 7 * 3_600_000 + minutes * 60_000);
const officeMinutes = (r: number) => (r < 0.55 ? 450 + Math.floor((r / 0.55) * 240) : 810 + Math.floor(((r - 0.55) / 0.45) * 210)); // 7:30–11:30, 13:30–17:00

/**
 * Generates `count` synthetic dossiers received over the last 3 years up to `now`, with their events, and
 * fills the daily counts. Runs inside the caller's transaction.
 */
export async function seedDemoDossiers(db: DbOrTx, options: { count: number; now?: Date; seed?: number; procedures?: ProcedureInfo[] }): Promise<{ dossiers: number; events: number }> {
  const now = options.now ?? new Date();
  const random = seededRandom(options.seed ?? 20250701);
  const procedures = options.procedures ?? await selectRows<ProcedureInfo>(db, sql`SELECT id, code, field, left(level, 1) AS level, processing_days AS days,
    online_level AS online, 1 AS weight FROM procedures WHERE active`);
  if (procedures.length === 0 || options.count <= 0) return { dossiers: 0, events: 0 };
  const units = await selectRows<UnitInfo>(db, sql`SELECT id, code, path, level, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo"
    FROM units WHERE path LIKE '/VN/70/%' OR path LIKE '/VN/75/%'`);
  const agencies = new Map((await selectRows<AgencyInfo>(db, sql`SELECT id, code, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo" FROM agencies`))
    .map((a) => [a.code, a]));
  const today = vietnamDate(now);
  const firstDay = vietnamDate(new Date(now.getTime() - YEARS * 365 * DAY_MS));
  const calendar: WorkingCalendar = await loadWorkingCalendar(db, Number(firstDay.slice(0, 4)), Number(today.slice(0, 4)) + 1);

  // Receiving units by structure: before 2025-07-01 communes and districts of Bình Phước, after the new communes.
  const unitsOn = new Map<string, { province: UnitInfo | null; districts: UnitInfo[]; communes: UnitInfo[] }>();
  const structureOn = (day: string) => {
    const key = day < '2022-10-01' ? 'a' : day < '2025-07-01' ? 'b' : 'c';
    let s = unitsOn.get(key);
    if (!s) {
      const valid = units.filter((u) => isValidOn(u, day));
      const province = valid.find((u) => u.level === 1) ?? null;
      const districts = valid.filter((u) => u.level === 2 && u.path.startsWith('/VN/70/'));
      const communes = valid.filter((u) => (u.path.startsWith('/VN/70/') && u.level === 3) || (u.path.startsWith('/VN/75/') && u.level === 2));
      s = { province, districts, communes };
      unitsOn.set(key, s);
    }
    return s;
  };
  const agencyOn = (codes: (string | undefined)[], day: string): AgencyInfo | null => {
    for (const code of codes) {
      const a = code ? agencies.get(code) : undefined;
      if (a && isValidOn(a, day)) return a;
    }
    return null;
  };
  const handlingAgency = (p: ProcedureInfo, unit: UnitInfo, day: string): AgencyInfo | null => {
    if (p.level === 'p') {
      const dept = demoFields[p.field]?.department ?? 'BP-VP-UBND';
      const merged = mergedInto[dept];
      return agencyOn([dept, merged, `DN-${dept.slice(3)}`, merged ? `DN-${merged.slice(3)}` : undefined], day);
    }
    if (unit.path.startsWith('/VN/75/')) return agencyOn([`DN-UBND-${unit.code.replace(/^DN-new-/, '')}`], day);
    if (p.level === 'd') return agencyOn([`BP-UBND-${unit.code}`], day);
    return null;
  };

  // Days of the window with their weight: working days carry the load, online submissions arrive any day.
  const days: { day: string; working: boolean; t: number; weight: number }[] = [];
  const startMs = Date.parse(`${firstDay}T00:00:00Z`);
  const span = Math.max(1, (Date.parse(`${today}T00:00:00Z`) - startMs) / DAY_MS);
  for (let ms = startMs; ; ms += DAY_MS) {
    const day = new Date(ms).toISOString().slice(0, 10);
    if (day > today) break;
    const t = (ms - startMs) / DAY_MS / span;
    const working = isWorkingDay(calendar, day);
    days.push({ day, working, t, weight: (working ? 1 : 0.06) * (0.85 + 0.3 * t) });
  }
  const totalWeight = days.reduce((s, d) => s + d.weight, 0);
  const pickProcedure = weightedPicker(procedures, (p) => p.weight * (p.level === 'c' ? 1.6 : p.level === 'd' ? 1.2 : 1));
  const onlineProcedures = procedures.filter((p) => p.online !== 'none');
  const pickOnlineProcedure = weightedPicker(onlineProcedures.length ? onlineProcedures : procedures, (p) => p.weight);
  const lateRateOf = (agency: AgencyInfo | null, field: string) =>
    (agency ? 0.02 + 0.16 * hashOf(agency.code) : 0.05) * (field === 'Đất đai' ? 2 : field === 'Xây dựng' ? 1.5 : 1);

  // The rows reference ids just read, so the per-row foreign-key triggers only cost time: skip them for this
  // transaction when allowed (a superuser, as PGlite's user is; a plain role keeps them).
  const [role] = await selectRows<{ superuser: boolean }>(db, sql`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`);
  if (role?.superuser) await db.execute(sql`SET LOCAL session_replication_role = replica`);
  const [maxRow] = await selectRows<{ max: number | null }>(db, sql`SELECT max(id)::int AS max FROM dossiers`);
  let nextId = (maxRow?.max ?? 0) + 1;
  const dossierRows: unknown[] = [];
  const eventRows: unknown[] = [];
  let written = 0;
  let eventsWritten = 0;
  const flush = async (force: boolean) => {
    if (dossierRows.length >= BATCH || (force && dossierRows.length)) {
      await db.execute(sql`INSERT INTO dossiers (id, source, code, procedure_id, receiving_unit_id, unit_path, handling_agency_id, holding_agency_id, channel,
          received_at, due_at, finished_at, returned_at, status, result, timeliness, processing_days, online_payment, digitised_result, satisfaction, last_event_at)
        OVERRIDING SYSTEM VALUE
        SELECT x.id, ${DEMO_SOURCE}, x.code, x.procedure_id, x.unit_id, x.unit_path, x.agency_id, x.holding_id, x.channel, x.received_at, x.due_at, x.finished_at,
          NULL, x.status, x.result, x.timeliness, x.processing_days, x.online_payment, x.digitised, x.satisfaction, x.last_event_at
        FROM json_to_recordset(${JSON.stringify(dossierRows)}::json) AS x(id bigint, code text, procedure_id uuid, unit_id uuid, unit_path text, agency_id uuid,
          holding_id uuid, channel text, received_at timestamptz, due_at timestamptz, finished_at timestamptz, status text, result text, timeliness text,
          processing_days double precision, online_payment boolean, digitised boolean, satisfaction text, last_event_at timestamptz)`);
      written += dossierRows.length;
      dossierRows.length = 0;
    }
    if (eventRows.length >= BATCH * 3 || (force && eventRows.length)) {
      await db.execute(sql`INSERT INTO dossier_events (dossier_id, at, status, agency_id)
        SELECT x.d, x.a, x.s, x.g FROM json_to_recordset(${JSON.stringify(eventRows)}::json) AS x(d bigint, a timestamptz, s text, g uuid)`);
      eventsWritten += eventRows.length;
      eventRows.length = 0;
    }
  };

  let carry = 0;
  let serial = 0;
  for (const d of days) {
    const exact = (options.count * d.weight) / totalWeight + carry;
    const n = Math.floor(exact);
    carry = exact - n;
    for (let i = 0; i < n; i++) {
      const p = d.working ? pickProcedure(random()) : pickOnlineProcedure(random());
      const structure = structureOn(d.day);
      const unit = p.level === 'p' ? structure.province
        : p.level === 'd' && structure.districts.length ? structure.districts[Math.floor(random() * structure.districts.length)]!
          : structure.communes[Math.floor(random() * structure.communes.length)] ?? null;
      if (!unit) continue;
      const pOnline = p.online === 'none' ? 0 : p.online === 'full' ? 0.3 + 0.45 * d.t : 0.12 + 0.25 * d.t;
      const r = random();
      const channel = !d.working ? 'online' : r < pOnline ? 'online' : r < pOnline + 0.03 ? 'postal' : 'direct';
      const receivedAt = channel === 'online' && (!d.working || random() < 0.3)
        ? vnInstant(d.day, 360 + Math.floor(random() * 1020))           // 6:00–23:00
        : vnInstant(d.day, officeMinutes(random()));
      if (receivedAt > now) continue;
      const agency = handlingAgency(p, unit, d.day);
      const dueAt = addWorkingDays(calendar, receivedAt, p.days);
      const dueDay = vietnamDate(dueAt);
      // When it finishes: mostly before or on the due day; late at an agency-dependent rate; a few get stuck.
      let finishDay: string;
      const u = random();
      const late = u < lateRateOf(agency, p.field);
      if (random() < 0.01) finishDay = vietnamDate(addWorkingDays(calendar, receivedAt, p.days * 4 + 30));
      else if (late) finishDay = vietnamDate(addWorkingDays(calendar, dueAt, 1 + Math.floor(random() ** 2 * 12)));
      else if (p.days === 0) finishDay = vietnamDate(addWorkingDays(calendar, receivedAt, 0));
      else {
        const offset = Math.max(1, Math.min(p.days, Math.round(p.days * (0.3 + 0.75 * random()))));
        finishDay = vietnamDate(addWorkingDays(calendar, receivedAt, offset));
      }
      let finishedAt: Date | null = vnInstant(finishDay, officeMinutes(random()));
      if (finishedAt < receivedAt) finishedAt = new Date(receivedAt.getTime() + 30 * 60_000 + Math.floor(random() * 90 * 60_000));
      if (finishedAt > now) finishedAt = null;
      const id = nextId++;
      const code = `DEMO-${d.day.replaceAll('-', '')}-${String(++serial).padStart(7, '0')}`;
      const events: [number, Date, string, string | null][] = [[id, receivedAt, 'received', null]];
      let status = 'received';
      let lastEventAt = receivedAt;
      if (p.days > 0 && (finishedAt === null || random() < 0.45)) {
        const at = new Date(receivedAt.getTime() + (1 + Math.floor(random() * 4)) * 3_600_000);
        if (at < (finishedAt ?? now)) { events.push([id, at, 'in_progress', agency?.id ?? null]); status = 'in_progress'; lastEventAt = at; }
      }
      if (finishedAt === null && status === 'in_progress' && random() < 0.15) {
        const at = new Date(lastEventAt.getTime() + Math.floor(random() * Math.max(1, now.getTime() - lastEventAt.getTime())));
        const s = random() < 0.8 ? 'additional_docs' : 'suspended';
        events.push([id, at, s, agency?.id ?? null]);
        status = s;
        lastEventAt = at;
      }
      let timeliness: string | null = null;
      let processingDays: number | null = null;
      let result: string | null = null;
      let satisfaction: string | null = null;
      let onlinePayment = false;
      let digitised = false;
      if (finishedAt) {
        events.push([id, finishedAt, 'finished', agency?.id ?? null]);
        status = 'finished';
        lastEventAt = finishedAt;
        const fd = vietnamDate(finishedAt);
        timeliness = fd === dueDay ? 'on_time' : fd < dueDay ? 'early' : 'late';
        processingDays = workingDaysBetween(calendar, receivedAt, finishedAt);
        const rr = random();
        result = rr < 0.92 ? 'approved' : rr < 0.98 ? 'rejected' : 'withdrawn';
        onlinePayment = channel === 'online' && random() < 0.45 + 0.25 * d.t;
        digitised = random() < 0.25 + 0.55 * d.t;
        if (random() < 0.3) {
          const rs = random();
          const unhappy = timeliness === 'late' ? 0.3 : 0.05;
          satisfaction = rs < unhappy ? 'dissatisfied' : rs < unhappy + (1 - unhappy) * 0.68 ? 'very_satisfied' : 'satisfied';
        }
      }
      for (const [dossierId, at, s, g] of events) eventRows.push({ d: dossierId, a: at.toISOString(), s, g });
      const holder = [...events].reverse().find((e) => e[3] !== null)?.[3] ?? agency?.id ?? null;
      dossierRows.push({
        id, code, procedure_id: p.id, unit_id: unit.id, unit_path: unit.path, agency_id: agency?.id ?? null, holding_id: holder, channel,
        received_at: receivedAt.toISOString(), due_at: dueAt.toISOString(), finished_at: finishedAt?.toISOString() ?? null, status, result, timeliness,
        processing_days: processingDays, online_payment: onlinePayment, digitised, satisfaction, last_event_at: lastEventAt.toISOString(),
      });
      await flush(false);
    }
  }
  await flush(true);
  if (role?.superuser) await db.execute(sql`SET LOCAL session_replication_role = DEFAULT`);
  await db.execute(sql`SELECT setval(pg_get_serial_sequence('dossiers', 'id'), (SELECT coalesce(max(id), 1) FROM dossiers))`);
  await db.execute(sql`INSERT INTO dossier_daily_stats AS s (day, procedure_id, unit_id, agency_id, channel, received, finished, finished_early,
      finished_on_time, finished_late, processing_days_sum, paid_online, digitised, rated, satisfied)
    ${dailyStatsRecountSql(sql`d.source = ${DEMO_SOURCE}`)}
    ON CONFLICT (day, procedure_id, unit_id, agency_id, channel) DO UPDATE SET
      received = s.received + EXCLUDED.received, finished = s.finished + EXCLUDED.finished, finished_early = s.finished_early + EXCLUDED.finished_early,
      finished_on_time = s.finished_on_time + EXCLUDED.finished_on_time, finished_late = s.finished_late + EXCLUDED.finished_late,
      processing_days_sum = s.processing_days_sum + EXCLUDED.processing_days_sum, paid_online = s.paid_online + EXCLUDED.paid_online,
      digitised = s.digitised + EXCLUDED.digitised, rated = s.rated + EXCLUDED.rated, satisfied = s.satisfied + EXCLUDED.satisfied`);
  return { dossiers: written, events: eventsWritten };
}

/** The catalog and the synthetic dossiers, once per database. */
export async function seedDemoDossierData(db: DbOrTx, count: number): Promise<{ procedures: number; dossiers: number; events: number }> {
  const procedures = await seedDemoProcedures(db);
  const { dossiers, events } = await seedDemoDossiers(db, { count, procedures });
  return { procedures: procedures.length, dossiers, events };
}
