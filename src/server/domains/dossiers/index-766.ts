// The Decision 766/QĐ-TTg (23/6/2022) view: the five groups of the index of service quality to citizens and
// businesses (100 points), with each component computed from the dossiers we hold or marked as not
// computable with the reason. Group weights are the Decision's; how a group's points split over our
// components is our assumption where `weightIsAssumption` says so (docs/dossiers.md).
import type { Index766, Index766Component, Index766Group, Index766Query } from '../../../shared/contracts/dossiers.js';
import { can } from '../../core/auth.js';
import { todayInVietnam } from '../../core/calendar.js';
import type { RequestContext } from '../../core/context.js';
import { pendingGrouped, procedureNames, statsGrouped } from './dossiers.queries.js';
import { resolveUnit, statsFilterOf } from './dossiers.service.js';

type Ctx = Pick<RequestContext, 'db' | 'actor'>;

interface ComponentSpec {
  code: string; name: string; nameEn: string; formula: string; formulaEn: string; maxPoints: number; weightIsAssumption: boolean;
  measure: { computable: true; numerator: number; denominator: number } | { computable: false; reason: string; reasonEn: string };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

function component(s: ComponentSpec): Index766Component {
  const base = { code: s.code, name: s.name, nameEn: s.nameEn, formula: s.formula, formulaEn: s.formulaEn, maxPoints: s.maxPoints, weightIsAssumption: s.weightIsAssumption };
  if (!s.measure.computable) {
    return { ...base, computable: false, value: null, points: null, numerator: null, denominator: null, reason: s.measure.reason, reasonEn: s.measure.reasonEn };
  }
  const { numerator, denominator } = s.measure;
  if (denominator <= 0) {
    return { ...base, computable: true, value: null, points: null, numerator, denominator, reason: 'Không có hồ sơ trong kỳ.', reasonEn: 'No dossiers in the period.' };
  }
  const value = Math.round((numerator / denominator) * 10_000) / 10_000;
  return { ...base, computable: true, value, points: round2(value * s.maxPoints), numerator, denominator, reason: null, reasonEn: null };
}

function group(code: string, name: string, nameEn: string, maxPoints: number, components: Index766Component[]): Index766Group {
  const computed = components.filter((c) => c.points !== null);
  return {
    code, name, nameEn, maxPoints,
    points: computed.length ? round2(computed.reduce((s, c) => s + c.points!, 0)) : null,
    computableMaxPoints: round2(components.filter((c) => c.computable).reduce((s, c) => s + c.maxPoints, 0)),
    components,
  };
}

const notHeld = (what: string, whatEn: string) => ({ computable: false as const, reason: `Dữ liệu hồ sơ của IOC không có ${what}.`, reasonEn: `IOC's dossier data does not hold ${whatEn}.` });

/** The index for one year and one unit's subtree (default: this year, the actor's scope). */
export async function index766Of(ctx: Ctx, q: Index766Query, now = new Date()): Promise<Index766> {
  can(ctx.actor, 'dossiers:read');
  const today = todayInVietnam(now);
  const year = q.year ?? Number(today.slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year}-12-31` < today ? `${year}-12-31` : today;
  const unit = await resolveUnit(ctx, q.unitId, q.unitCode);
  const isCurrentYear = String(year) === today.slice(0, 4);
  const statsFilter = await statsFilterOf(ctx, unit.path, from, to, {});
  const [byProcedure, pendingRows] = await Promise.all([
    statsGrouped(ctx.db, 'procedure', statsFilter),
    // Unfinished dossiers count towards progress only for the running year (a past year's backlog is not known as it stood then).
    isCurrentYear ? pendingGrouped(ctx.db, 'none', { scopePath: ctx.actor.scopePath, unitPath: unit.path, now }) : Promise.resolve([]),
  ]);
  const s = { received: 0, received_online: 0, finished: 0, finished_early: 0, finished_on_time: 0, paid_online: 0, digitised: 0, rated: 0, satisfied: 0 };
  for (const r of byProcedure) for (const k of Object.keys(s) as (keyof typeof s)[]) s[k] += r[k];
  // Procedures offered online (fully or partly) that received dossiers in the year, and those of them that received online ones.
  const levels = new Map((await procedureNames(ctx.db, byProcedure.filter((r) => r.received > 0).map((r) => r.key))).map((p) => [p.id, p.onlineLevel]));
  const offered = byProcedure.filter((r) => r.received > 0 && levels.get(r.key) !== undefined && levels.get(r.key) !== 'none');
  const procs = { offered: offered.length, offered_used_online: offered.filter((r) => r.received_online > 0).length };
  const pending = pendingRows[0] ?? { within: 0, overdue: 0 };

  const groups: Index766Group[] = [
    group('1', 'Công khai, minh bạch', 'Transparency', 18, [
      component({
        code: '1.1', name: 'Thủ tục hành chính được công bố, công khai đúng hạn', nameEn: 'Procedures published on time',
        formula: 'Số TTHC được công bố, công khai đúng hạn / Tổng số TTHC phải công bố', formulaEn: 'Procedures published on time / procedures to be published',
        maxPoints: 9, weightIsAssumption: true, measure: notHeld('ngày ban hành và ngày công khai quyết định công bố TTHC', 'the issue and publication dates of the procedure announcements'),
      }),
      component({
        code: '1.2', name: 'Hồ sơ được đồng bộ, công khai tiến độ trên Cổng Dịch vụ công quốc gia', nameEn: 'Dossiers synchronised to the National Public Service Portal',
        formula: 'Số hồ sơ được đồng bộ đầy đủ trạng thái lên Cổng DVCQG / Tổng số hồ sơ tiếp nhận', formulaEn: 'Dossiers whose statuses are synchronised to the national portal / dossiers received',
        maxPoints: 9, weightIsAssumption: true, measure: notHeld('trạng thái đồng bộ với Cổng Dịch vụ công quốc gia', 'the synchronisation status with the National Public Service Portal'),
      }),
    ]),
    group('2', 'Tiến độ, kết quả giải quyết', 'Progress of handling', 20, [
      component({
        code: '2.1', name: 'Hồ sơ xử lý đúng hạn', nameEn: 'Dossiers handled on time',
        formula: '(Hồ sơ giải quyết trước hạn + đúng hạn trong năm + hồ sơ đang giải quyết chưa đến hạn¹) / (Hồ sơ giải quyết trong năm + hồ sơ đang giải quyết¹); ¹ chỉ với năm hiện tại',
        formulaEn: '(finished early + on time in the year + unfinished not yet due¹) / (finished in the year + unfinished¹); ¹ running year only',
        maxPoints: 20, weightIsAssumption: false,
        measure: { computable: true, numerator: s.finished_early + s.finished_on_time + pending.within, denominator: s.finished + pending.within + pending.overdue },
      }),
    ]),
    group('3', 'Số hóa hồ sơ', 'Digitisation', 22, [
      component({
        code: '3.1', name: 'Kết quả giải quyết được số hóa (cấp bản điện tử)', nameEn: 'Results issued in digital form',
        formula: 'Hồ sơ đã giải quyết có kết quả được số hóa / Hồ sơ đã giải quyết trong năm', formulaEn: 'Finished dossiers with a digitised result / dossiers finished in the year',
        maxPoints: 22 / 3, weightIsAssumption: true, measure: { computable: true, numerator: s.digitised, denominator: s.finished },
      }),
      component({
        code: '3.2', name: 'Hồ sơ tiếp nhận được số hóa thành phần hồ sơ', nameEn: 'Dossiers whose submitted documents were digitised at receipt',
        formula: 'Hồ sơ được số hóa thành phần khi tiếp nhận / Hồ sơ tiếp nhận', formulaEn: 'Dossiers digitised at receipt / dossiers received',
        maxPoints: 22 / 3, weightIsAssumption: true, measure: notHeld('thông tin số hóa thành phần hồ sơ khi tiếp nhận', 'whether the submitted documents were digitised at receipt'),
      }),
      component({
        code: '3.3', name: 'Khai thác, sử dụng lại dữ liệu số hóa', nameEn: 'Reuse of digitised data',
        formula: 'Hồ sơ có sử dụng lại kết quả/giấy tờ đã số hóa / Hồ sơ tiếp nhận', formulaEn: 'Dossiers reusing digitised results or documents / dossiers received',
        maxPoints: 22 / 3, weightIsAssumption: true, measure: notHeld('thông tin tái sử dụng dữ liệu số hóa', 'whether digitised data was reused'),
      }),
    ]),
    group('4', 'Cung cấp dịch vụ trực tuyến', 'Online services', 22, [
      component({
        code: '4.1', name: 'Thủ tục cung cấp trực tuyến có phát sinh hồ sơ trực tuyến', nameEn: 'Online procedures that received online dossiers',
        formula: 'TTHC trực tuyến (toàn trình, một phần) có hồ sơ trực tuyến trong năm / TTHC trực tuyến có hồ sơ trong năm',
        formulaEn: 'Online procedures (full or partial) with an online dossier in the year / online procedures with any dossier in the year',
        maxPoints: 22 / 3, weightIsAssumption: true, measure: { computable: true, numerator: procs.offered_used_online, denominator: procs.offered },
      }),
      component({
        code: '4.2', name: 'Hồ sơ tiếp nhận trực tuyến', nameEn: 'Dossiers received online',
        formula: 'Hồ sơ tiếp nhận trực tuyến / Hồ sơ tiếp nhận trong năm', formulaEn: 'Dossiers received online / dossiers received in the year',
        maxPoints: 22 / 3, weightIsAssumption: true, measure: { computable: true, numerator: s.received_online, denominator: s.received },
      }),
      component({
        code: '4.3', name: 'Thanh toán trực tuyến', nameEn: 'Online payment',
        formula: 'Hồ sơ đã giải quyết được thanh toán phí, lệ phí trực tuyến / Hồ sơ đã giải quyết trong năm²; ² gồm cả hồ sơ không thu phí',
        formulaEn: 'Finished dossiers paid online / dossiers finished in the year²; ² including fee-free dossiers (we do not know which carry a fee)',
        maxPoints: 22 / 3, weightIsAssumption: true, measure: { computable: true, numerator: s.paid_online, denominator: s.finished },
      }),
    ]),
    group('5', 'Mức độ hài lòng', 'Satisfaction', 18, [
      component({
        code: '5.1', name: 'Hài lòng trong tiếp nhận, giải quyết thủ tục hành chính', nameEn: 'Satisfaction with receipt and handling',
        formula: 'Đánh giá "rất hài lòng" + "hài lòng" / Số hồ sơ đã giải quyết có đánh giá', formulaEn: '"very satisfied" + "satisfied" ratings / finished dossiers rated',
        maxPoints: 6, weightIsAssumption: true, measure: { computable: true, numerator: s.satisfied, denominator: s.rated },
      }),
      component({
        code: '5.2', name: 'Phản ánh, kiến nghị về TTHC được xử lý', nameEn: 'Feedback on procedures handled',
        formula: 'Phản ánh, kiến nghị về TTHC được xử lý đúng hạn / Tổng số phản ánh, kiến nghị về TTHC', formulaEn: 'Feedback on procedures handled on time / feedback on procedures received',
        maxPoints: 6, weightIsAssumption: true, measure: notHeld('phản ánh, kiến nghị gắn với thủ tục hành chính', 'citizen feedback linked to procedures'),
      }),
      component({
        code: '5.3', name: 'Đánh giá của người dân, doanh nghiệp trên Cổng Dịch vụ công quốc gia', nameEn: 'Ratings on the National Public Service Portal',
        formula: 'Điểm đánh giá trung bình trên Cổng DVCQG / điểm tối đa', formulaEn: 'Average rating on the national portal / the maximum rating',
        maxPoints: 6, weightIsAssumption: true, measure: notHeld('đánh giá trên Cổng Dịch vụ công quốc gia', 'ratings given on the National Public Service Portal'),
      }),
    ]),
  ];
  for (const g of groups) for (const c of g.components) c.maxPoints = round2(c.maxPoints);
  return {
    year, from, to,
    unit: { id: unit.id, code: unit.code, name: unit.name },
    points: round2(groups.reduce((sum, g) => sum + (g.points ?? 0), 0)),
    computableMaxPoints: round2(groups.reduce((sum, g) => sum + g.computableMaxPoints, 0)),
    maxPoints: 100,
    groups,
    source: 'Quyết định 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ (trọng số 5 nhóm); công thức và cách chia điểm trong nhóm: xem docs/dossiers.md',
  };
}
