// Configuration every database gets (categories with their default SLA), the demo routing matrix, and the
// demo's synthetic reports.
import { eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { ReportChannel, ReportState, Urgency } from '../../../shared/contracts/feedback.js';
import { seededRandom } from '../../core/seeded-random.js';
import { type DbOrTx, selectRows } from '../../db/client.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { vietnamDate } from '../calendar/working-days.js';
import { addWorkingHours } from '../calendar/working-hours.js';
import { agencies, units } from '../units/units.table.js';
import { demoAgencies } from '../units/demo-province.data.js';
import {
  DEMO_PROVINCE_CODE, defaultSla, demoCategories, demoLocalCategories, demoProvinceRoutes, OTHER_CATEGORY,
} from './categories.data.js';
import { countRoutes, insertCategoryIfMissing, insertRoutes, insertSlaIfMissing, listCategories } from './feedback.queries.js';
import { forgetIntakeCatalog } from './intake-catalog.js';
import { generateReportText } from './report-texts.js';
import { urgencies } from '../../../shared/contracts/feedback.js';

/** Adds the categories and SLA rows that are missing; never changes what an administrator configured. */
export async function ensureReportCategories(db: DbOrTx): Promise<void> {
  for (const [i, c] of demoCategories.entries()) {
    const categoryId = await insertCategoryIfMissing(db, {
      id: uuidv7(), code: c.code, name: c.name, nameEn: c.nameEn, groupName: c.group, description: c.description,
      isEmergency: c.isEmergency, emergencyNumber: c.emergencyNumber, attributes: c.attributes, keywords: c.keywords, sortOrder: (i + 1) * 10,
    });
    for (const urgency of urgencies) await insertSlaIfMissing(db, { categoryId, urgency, ...defaultSla[urgency] });
  }
  forgetIntakeCatalog();
}

/** The demo matrix, once: province-wide agencies per category, ward/commune committees for local matters. */
export async function seedDemoReportRouting(db: DbOrTx): Promise<number> {
  if ((await countRoutes(db)) > 0) return 0;
  const categoryIds = new Map<string, string>();
  for (const c of demoCategories) categoryIds.set(c.code, await insertCategoryIfMissing(db, {
    id: uuidv7(), code: c.code, name: c.name, nameEn: c.nameEn, groupName: c.group, isEmergency: c.isEmergency, emergencyNumber: c.emergencyNumber,
  }));
  const localCommittees = demoAgencies.filter((a) => a.kind === 'people_committee' && a.unitCode.startsWith('DN-new-') && a.validTo === null);
  const agencyCodes = [...new Set([...Object.values(demoProvinceRoutes), ...localCommittees.map((a) => a.code)])];
  const found = await db.select({ id: agencies.id, code: agencies.code, unitId: units.id, unitPath: units.path })
    .from(agencies).innerJoin(units, eq(units.id, agencies.unitId)).where(inArray(agencies.code, agencyCodes));
  const byCode = new Map(found.map((a) => [a.code, a]));
  const [province] = await db.select({ id: units.id, path: units.path }).from(units).where(eq(units.code, DEMO_PROVINCE_CODE));
  if (!province) return 0;
  const rows: { id: string; categoryId: string; unitId: string; unitPath: string; agencyId: string }[] = [];
  for (const [category, agencyCode] of Object.entries(demoProvinceRoutes)) {
    const agency = byCode.get(agencyCode);
    const categoryId = categoryIds.get(category);
    if (agency && categoryId) rows.push({ id: uuidv7(), categoryId, unitId: province.id, unitPath: province.path, agencyId: agency.id });
  }
  for (const committee of localCommittees) {
    const agency = byCode.get(committee.code);
    if (!agency) continue;
    for (const category of demoLocalCategories) {
      const categoryId = categoryIds.get(category);
      if (categoryId) rows.push({ id: uuidv7(), categoryId, unitId: agency.unitId, unitPath: agency.unitPath, agencyId: agency.id });
    }
  }
  await insertRoutes(db, rows);
  return rows.length;
}

// ── synthetic reports ───────────────────────────────────────────────────────────────────────────────
// Two years of SYNTHETIC citizen reports for the demo (~150 a day at the default volume): texts from
// report-texts.ts, places inside the demo units (Bình Phước's communes until 2025-06-30, the merged Đồng
// Nai's after), channels, urgencies, agencies from the same matrix as live intake, deadlines from the SLA in
// working hours, acceptance and resolution mostly on time and sometimes late, hand-backs, duplicates,
// rejections, ratings. Marked: tracking codes start with 'DM' and attributes carry {"synthetic": true}.
// Generated in memory with a seeded generator and written in large set-based batches.

/** PostgreSQL loads 110,000 in about a minute (shared two-core machine); PGlite keeps a first `npm start` quick with fewer (10,000 in ≈ 4–7 s). */
export const DEFAULT_DEMO_REPORTS = 110_000;
export const DEFAULT_DEMO_REPORTS_PGLITE = 10_000;
const DEMO_DAYS = 730;
const REPORT_BATCH = 5_000;
const SYNTHETIC_PREFIX = 'DM';

const channelWeights: [ReportChannel, number][] = [['phone', 46], ['web', 15], ['open311', 12], ['zalo', 12], ['facebook', 9], ['email', 6]];
const categoryWeights: Record<string, number> = {
  'public-order': 10, 'fire': 2, 'emergency': 3, 'traffic-accident': 7, 'urban-order': 16, 'environment': 16,
  'public-lighting': 10, 'roads': 14, 'water-supply': 8, 'public-administration': 9, 'other': 5,
};
// Before the 2025 merger: the Bình Phước agency of each category (departments merged on 2025-03-01 first).
const oldProvinceRoutes: Record<string, string[]> = {
  'public-order': ['BP-CA'], 'fire': ['BP-CA'], 'traffic-accident': ['BP-CA'], 'emergency': ['BP-SYT'],
  'urban-order': ['BP-SXD'], 'public-lighting': ['BP-SXD'], 'water-supply': ['BP-SXD'], 'roads': ['BP-SGTVT', 'BP-SXD'],
  'environment': ['BP-STNMT', 'BP-SNNMT'], 'public-administration': ['BP-VP-UBND'],
};
const answers: Record<string, string[]> = {
  'public-order': ['Công an đã xác minh, lập biên bản và xử lý các đối tượng vi phạm.', 'Đã tăng cường tuần tra tại khu vực phản ánh.'],
  'fire': ['Lực lượng chữa cháy đã có mặt và dập tắt đám cháy, không có thiệt hại về người.'],
  'emergency': ['Đã điều phối xe cấp cứu 115 đến hiện trường.'],
  'traffic-accident': ['Cảnh sát giao thông đã đến hiện trường, phân luồng và giải quyết vụ việc.'],
  'urban-order': ['Đã kiểm tra, nhắc nhở và yêu cầu các hộ vi phạm tháo dỡ; sẽ tiếp tục kiểm tra định kỳ.', 'Đã lập biên bản vi phạm hành chính về trật tự xây dựng.'],
  'environment': ['Đơn vị thu gom đã dọn dẹp điểm rác và bố trí lịch thu gom.', 'Đã kiểm tra cơ sở, yêu cầu khắc phục việc xả thải.'],
  'public-lighting': ['Đơn vị quản lý chiếu sáng đã thay bóng và sửa chữa đèn.'],
  'roads': ['Đã vá ổ gà, khắc phục mặt đường.', 'Đã lắp lại nắp hố ga và rào chắn tạm.'],
  'water-supply': ['Đơn vị cấp nước đã sửa chữa đường ống, cấp nước trở lại.'],
  'public-administration': ['Đã kiểm tra, hồ sơ đã được giải quyết; cán bộ liên quan đã được nhắc nhở.', 'Đã trả lời, hướng dẫn công dân bổ sung hồ sơ.'],
  'other': ['Đã tiếp nhận góp ý và chuyển đến cơ quan liên quan nghiên cứu.'],
};

interface SeedUnit { id: string; code: string; name: string; path: string; level: number; validFrom: string; validTo: string | null; parentCode: string | null; points: [number, number][] }
interface SeedAgency { id: string; code: string; validFrom: string; validTo: string | null }

export async function hasDemoReports(db: DbOrTx): Promise<boolean> {
  const [row] = await selectRows<{ found: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM reports WHERE tracking_code LIKE ${SYNTHETIC_PREFIX + '%'}) AS found`);
  return row?.found ?? false;
}

function weighted<T>(items: [T, number][]): (r: number) => T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  return (r) => {
    let x = r * total;
    for (const [item, w] of items) { x -= w; if (x < 0) return item; }
    return items[items.length - 1]![0];
  };
}

const CODE_CHARS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const serialCode = (n: number) => { let s = ''; for (let i = 0; i < 8; i++) { s = CODE_CHARS[n % 32]! + s; n = Math.floor(n / 32); } return SYNTHETIC_PREFIX + s; };
const isValidOn = (x: { validFrom: string; validTo: string | null }, day: string) => x.validFrom <= day && (x.validTo === null || day < x.validTo);
const HOUR = 3_600_000;

/** Generates `count` synthetic reports over the two years before `now`; runs inside the caller's transaction. */
export async function seedDemoReports(db: DbOrTx, options: { count: number; now?: Date; seed?: number }): Promise<{ reports: number; events: number; ratings: number }> {
  const now = options.now ?? new Date();
  const random = seededRandom(options.seed ?? 1022);
  if (options.count <= 0) return { reports: 0, events: 0, ratings: 0 };
  const categories = new Map((await listCategories(db, true)).map((c) => [c.code, c]));
  const units = await selectRows<Omit<SeedUnit, 'points'> & { points: [number, number][] | null }>(db, sql`
    SELECT u.id, u.code, u.name, u.path, u.level, to_char(u.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(u.valid_to, 'YYYY-MM-DD') AS "validTo",
      p.code AS "parentCode",
      (SELECT json_agg(json_build_array(round(ST_X(g.geom)::numeric, 6), round(ST_Y(g.geom)::numeric, 6)))
         FROM ST_Dump(ST_GeneratePoints(u.boundary, 25, 1022)) g) AS points
    FROM units u LEFT JOIN units p ON p.id = u.parent_id
    WHERE u.boundary IS NOT NULL AND ((u.path LIKE '/VN/70/%' AND u.level = 3) OR (u.path LIKE '/VN/75/%' AND u.level = 2))`);
  const agencies = new Map((await selectRows<SeedAgency>(db, sql`SELECT id, code, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo" FROM agencies`)).map((a) => [a.code, a]));
  const seedUnits: SeedUnit[] = units.filter((u) => u.points?.length).map((u) => ({ ...u, points: u.points!.map(([x, y]) => [Number(x), Number(y)]) }));
  if (seedUnits.length === 0 || categories.size === 0) return { reports: 0, events: 0, ratings: 0 };
  const unitsOn = (day: string) => seedUnits.filter((u) => isValidOn(u, day));
  const oldUnits = unitsOn('2025-06-30');
  const newUnits = unitsOn('2025-07-01');
  const localCommittee = new Map(demoAgencies.filter((a) => a.kind === 'people_committee').map((a) => [a.unitCode, a.code]));
  const agencyOn = (codes: (string | undefined)[], day: string) => {
    for (const code of codes) { const a = code ? agencies.get(code) : undefined; if (a && isValidOn(a, day)) return a; }
    return null;
  };
  /** The agencies the matrix would try, nearest first (a local committee, then the province's department). */
  const routesOf = (category: string, unit: SeedUnit, day: string): SeedAgency[] => {
    if (category === OTHER_CATEGORY) return [];
    const merged = day >= '2025-07-01';
    const local = demoLocalCategories.includes(category)
      ? agencyOn([merged ? localCommittee.get(unit.code) : localCommittee.get(unit.parentCode ?? '') ?? (unit.parentCode ? `BP-UBND-${unit.parentCode}` : undefined)], day)
      : null;
    const province = merged ? agencyOn([demoProvinceRoutes[category]], day) : agencyOn(oldProvinceRoutes[category] ?? [], day);
    return [local, province].filter((a): a is SeedAgency => a !== null);
  };
  const officeOf = (day: string) => agencyOn([day >= '2025-07-01' ? 'DN-VP-UBND' : 'BP-VP-UBND'], day);

  const firstDay = vietnamDate(new Date(now.getTime() - DEMO_DAYS * 86_400_000));
  const today = vietnamDate(now);
  const calendar = await loadWorkingCalendar(db, Number(firstDay.slice(0, 4)), Number(today.slice(0, 4)) + 1);
  const slaRows = await selectRows<{ code: string; urgency: Urgency; acceptHours: number; resolveHours: number }>(db, sql`
    SELECT c.code, s.urgency, s.accept_hours AS "acceptHours", s.resolve_hours AS "resolveHours" FROM report_sla_settings s JOIN report_categories c ON c.id = s.category_id`);
  const sla = new Map(slaRows.map((s) => [`${s.code}:${s.urgency}`, s]));
  const pickChannel = weighted(channelWeights);
  const pickCategory = weighted(Object.entries(categoryWeights).filter(([code]) => categories.has(code)));
  const [role] = await selectRows<{ superuser: boolean }>(db, sql`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`);
  if (role?.superuser) await db.execute(sql`SET LOCAL session_replication_role = replica`);

  const reportRows: Record<string, unknown>[] = [];
  const eventRows: Record<string, unknown>[] = [];
  const ratingRows: Record<string, unknown>[] = [];
  let written = 0;
  let eventsWritten = 0;
  let ratingsWritten = 0;
  const flush = async (force: boolean) => {
    if (reportRows.length >= REPORT_BATCH || (force && reportRows.length)) {
      await db.execute(sql`INSERT INTO reports (id, tracking_code, token, category_id, description, location, address, unit_id, unit_path, channel,
          state, urgency, agency_id, accept_due_at, resolve_due_at, accepted_at, resolved_at, closed_at, public_answer, duplicate_of_id, attributes, created_at, updated_at)
        SELECT x.id, x.code, x.token, x.category_id, x.description, ST_SetSRID(ST_MakePoint(x.lon, x.lat), 4326), x.address, x.unit_id, x.unit_path, x.channel,
          x.state, x.urgency, x.agency_id, x.accept_due, x.resolve_due, x.accepted_at, x.resolved_at, x.closed_at, x.answer, x.duplicate_of, '{"synthetic": true}'::jsonb, x.created_at, x.updated_at
        FROM json_to_recordset(${JSON.stringify(reportRows)}::json) AS x(id uuid, code text, token text, category_id uuid, description text, lon double precision, lat double precision,
          address text, unit_id uuid, unit_path text, channel text, state text, urgency text, agency_id uuid, accept_due timestamptz, resolve_due timestamptz,
          accepted_at timestamptz, resolved_at timestamptz, closed_at timestamptz, answer text, duplicate_of uuid, created_at timestamptz, updated_at timestamptz)`);
      written += reportRows.length;
      reportRows.length = 0;
      // Events and ratings reference the reports just written.
      if (eventRows.length) {
        await db.execute(sql`INSERT INTO report_events (report_id, at, kind, from_state, to_state, agency_id, is_public, text, actor_type, actor_id, actor_name)
          SELECT x.r, x.at, x.k, x.f, x.t, x.a, x.p, x.x, 'system', NULL, x.n
          FROM json_to_recordset(${JSON.stringify(eventRows)}::json) AS x(r uuid, at timestamptz, k text, f text, t text, a uuid, p boolean, x text, n text)`);
        eventsWritten += eventRows.length;
        eventRows.length = 0;
      }
      if (ratingRows.length) {
        await db.execute(sql`INSERT INTO report_ratings (id, report_id, closed_at, state_rated, agency_id, score, comment, created_at, updated_at)
          SELECT x.id, x.r, x.closed_at, x.s, x.a, x.score, NULL, x.at, x.at
          FROM json_to_recordset(${JSON.stringify(ratingRows)}::json) AS x(id uuid, r uuid, closed_at timestamptz, s text, a uuid, score smallint, at timestamptz)`);
        ratingsWritten += ratingRows.length;
        ratingRows.length = 0;
      }
    }
  };

  const lastOf = new Map<string, { id: string; at: number }>();   // category × unit → latest report, for duplicates
  const startMs = Date.parse(`${firstDay}T00:00:00+07:00`);
  const perDay = options.count / DEMO_DAYS;
  let carry = 0;
  let serial = 0;
  for (let d = 0; d < DEMO_DAYS; d++) {
    const dayStart = startMs + d * 86_400_000;
    const day = vietnamDate(new Date(dayStart + 12 * HOUR));
    const exact = perDay * (0.8 + 0.4 * (d / DEMO_DAYS)) + carry;   // a slow rise over the two years
    const n = Math.floor(exact);
    carry = exact - n;
    const pool = day >= '2025-07-01' ? newUnits : oldUnits;
    for (let i = 0; i < n; i++) {
      // Around the clock, busiest in the morning and early evening.
      const minute = Math.floor((random() < 0.8 ? 360 + random() * 900 : random() * 1440));
      const createdMs = dayStart + minute * 60_000;
      if (createdMs > now.getTime() - HOUR) continue;
      const created = new Date(createdMs);
      const categoryCode = pickCategory(random());
      const category = categories.get(categoryCode)!;
      const unit = pool[Math.floor(random() * pool.length)]!;
      const [lon, lat] = unit.points[Math.floor(random() * unit.points.length)]!;
      const channel = pickChannel(random());
      const text = generateReportText(random, categoryCode, { unitName: unit.name, unitCode: unit.code });
      const urgency: Urgency = category.isEmergency ? 'urgent'
        : random() < (categoryCode === 'public-administration' ? 0.25 : 0.08) ? 'complex' : random() < 0.05 ? 'urgent' : 'normal';
      const s = sla.get(`${categoryCode}:${urgency}`) ?? { ...defaultSla[urgency] };
      const acceptDue = addWorkingHours(calendar, created, s.acceptHours);
      const resolveDue = addWorkingHours(calendar, created, s.resolveHours);
      const id = uuidv7();
      const events: { at: Date; k: string; f?: ReportState; t?: ReportState; a?: string | null; p: boolean; x?: string | null; n: string }[] = [
        { at: created, k: 'created', t: 'new', p: true, n: `citizen:${channel}` },
      ];
      const routes = routesOf(categoryCode, unit, day);
      let agency: SeedAgency | null = routes[0] ?? null;
      let state: ReportState = 'new';
      let t = createdMs;
      if (agency) { state = 'assigned'; events.push({ at: created, k: 'assigned', f: 'new', t: 'assigned', a: agency.id, p: true, x: 'Phân công theo ma trận định tuyến', n: 'system' }); }
      let acceptedAt: Date | null = null;
      let resolvedAt: Date | null = null;
      let closedAt: Date | null = null;
      let answer: string | null = null;
      let duplicateOf: string | null = null;
      const fate = random();
      const key = `${categoryCode}:${unit.id}`;
      const previous = lastOf.get(key);
      lastOf.set(key, { id, at: createdMs });
      const operatorAt = (hours: number) => { t += (0.2 + random() * hours) * HOUR; return new Date(t); };
      if (previous && createdMs - previous.at < 3 * 86_400_000 && fate < 0.03) {
        const at = operatorAt(2);
        state = 'duplicate'; duplicateOf = previous.id; closedAt = at;
        events.push({ at, k: 'state', f: agency ? 'assigned' : 'new', t: 'duplicate', a: agency?.id ?? null, p: true, n: 'operator' });
      } else if (fate > 0.985) {
        const at = operatorAt(4);
        state = 'rejected'; closedAt = at;
        events.push({ at, k: 'state', f: agency ? 'assigned' : 'new', t: 'rejected', a: agency?.id ?? null, p: true, x: 'Nội dung không đủ thông tin để xử lý', n: 'operator' });
      } else {
        // "Other", and a few reports an agency hands back: an operator (or the matrix) finds the right agency.
        if (agency && random() < 0.05) {
          const at = operatorAt(6);
          events.push({ at, k: 'returned', f: 'assigned', t: 'not_our_responsibility', a: agency.id, p: false, x: 'Không thuộc thẩm quyền', n: 'agency' });
          events.push({ at, k: 'state', f: 'assigned', t: 'not_our_responsibility', a: agency.id, p: true, n: 'agency' });
          agency = routes[1] ?? officeOf(day);
          if (agency) events.push({ at: operatorAt(3), k: 'assigned', f: 'not_our_responsibility', t: 'assigned', a: agency.id, p: true, n: 'operator' });
        } else if (!agency) {
          agency = officeOf(day);
          if (agency) { state = 'assigned'; events.push({ at: operatorAt(3), k: 'assigned', f: 'new', t: 'assigned', a: agency.id, p: true, n: 'operator' }); }
        }
        if (agency) {
          state = 'assigned';
          const dueAccept = Math.max(acceptDue.getTime(), t + 0.1 * HOUR);
          const acceptMs = random() < 0.9 ? t + (dueAccept - t) * random() : dueAccept + random() * 16 * HOUR;
          const dueResolve = Math.max(resolveDue.getTime(), acceptMs + HOUR);
          const late = random() < 0.13;
          const resolveMs = late ? dueResolve + (2 + random() ** 2 * 120) * HOUR : acceptMs + (dueResolve - acceptMs) * (0.15 + 0.85 * random());
          if (acceptMs <= now.getTime()) {
            acceptedAt = new Date(acceptMs);
            state = random() < 0.15 ? 'action_scheduled' : 'in_progress';
            events.push({ at: acceptedAt, k: 'state', f: 'assigned', t: state, a: agency.id, p: true, n: 'agency' });
            if (resolveMs <= now.getTime()) {
              const notFixed = random() < 0.03;
              const to: ReportState = notFixed ? 'closed_not_fixed' : 'resolved';
              closedAt = new Date(resolveMs);
              if (!notFixed) {
                resolvedAt = closedAt;
                answer = pick(random, answers[categoryCode] ?? answers.other!);
                events.push({ at: closedAt, k: 'answer', a: agency.id, p: true, x: answer, n: 'agency' });
              }
              events.push({ at: closedAt, k: 'state', f: state, t: to, a: agency.id, p: true, x: notFixed ? 'Chưa đủ điều kiện khắc phục, đưa vào kế hoạch' : null, n: 'agency' });
              state = to;
              if (random() < 0.3) {
                const lateness = resolveMs > resolveDue.getTime();
                const r = random();
                const score = notFixed ? 1 + Math.floor(r * 2) : lateness ? 2 + Math.floor(r * 3) : r < 0.55 ? 5 : r < 0.85 ? 4 : 3;
                const ratedAt = new Date(Math.min(now.getTime(), resolveMs + random() * 48 * HOUR));
                ratingRows.push({ id: uuidv7(), r: id, closed_at: closedAt.toISOString(), s: to, a: agency.id, score, at: ratedAt.toISOString() });
              }
            }
          }
        }
      }
      const last = events[events.length - 1]!.at;
      reportRows.push({
        id, code: serialCode(++serial), token: `demo-${serial.toString(36)}-${Math.floor(random() * 1e9).toString(36)}`, category_id: category.id,
        description: text.description, lon, lat, address: random() < 0.7 ? text.address : null, unit_id: unit.id, unit_path: unit.path, channel,
        state, urgency, agency_id: agency?.id ?? null, accept_due: acceptDue.toISOString(), resolve_due: resolveDue.toISOString(),
        accepted_at: acceptedAt?.toISOString() ?? null, resolved_at: resolvedAt?.toISOString() ?? null, closed_at: closedAt?.toISOString() ?? null,
        answer, duplicate_of: duplicateOf, created_at: created.toISOString(), updated_at: last.toISOString(),
      });
      for (const e of events) eventRows.push({ r: id, at: e.at.toISOString(), k: e.k, f: e.f ?? null, t: e.t ?? null, a: e.a ?? null, p: e.p, x: e.x ?? null, n: e.n });
      await flush(false);
    }
  }
  await flush(true);
  if (role?.superuser) await db.execute(sql`SET LOCAL session_replication_role = DEFAULT`);
  return { reports: written, events: eventsWritten, ratings: ratingsWritten };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
