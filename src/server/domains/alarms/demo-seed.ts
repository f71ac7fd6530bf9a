// Default alarm rules and a notification route for the demo province (merged Đồng Nai, code 75). Where a
// threshold comes from a public source the note says which; every other number is a demo value, and says so.
import { uuidv7 } from 'uuidv7';
import type { CreateAlarmRuleBody } from '../../../shared/contracts/alarms.js';
import type { DbOrTx } from '../../db/client.js';
import { unitsByCodes } from '../units/units.service.js';
import { countDemoRules, insertRoute, insertRule } from './alarms.queries.js';
import { ruleColumnsOf } from './rules.service.js';

type DemoRule = Omit<CreateAlarmRuleBody, 'unitId'> & { note: string };

const DEMO = 'Giá trị minh họa (demo), cần thay bằng ngưỡng của địa phương. / Demo value: replace with the province’s own threshold.';

export const demoAlarmRules: DemoRule[] = [
  {
    name: 'Bụi mịn PM2.5 rất xấu kéo dài', deviceType: 'air-quality', kind: 'for-duration', metric: 'pm25', operator: '>', threshold: 150,
    clearThreshold: 100, forSeconds: 600, severity: 'major',
    note: '150 µg/m³ là cận dưới mức "Rất xấu" của chỉ số VN_AQI cho PM2.5 (Quyết định 1459/QĐ-TCMT năm 2019); QCVN 05:2023/BTNMT giới hạn trung bình 24 giờ 50 µg/m³. Thời gian 10 phút và ngưỡng hết cảnh báo 100 là giá trị minh họa. / 150 µg/m³ is the lower bound of VN_AQI "very poor" for PM2.5; the 10 minutes and the clear level are demo values.',
  },
  {
    name: 'NO₂ vượt quy chuẩn 1 giờ', deviceType: 'air-quality', kind: 'repeat', metric: 'no2', operator: '>', threshold: 200, repeatCount: 3, severity: 'minor',
    note: '200 µg/m³: giới hạn trung bình 1 giờ của NO₂ theo QCVN 05:2023/BTNMT. Số lần đo liên tiếp (3) là giá trị minh họa. / 200 µg/m³ is the 1-hour NO₂ limit of QCVN 05:2023/BTNMT; 3 readings in a row is a demo value.',
  },
  {
    name: 'Mực nước vượt báo động III', deviceType: 'water-level', kind: 'threshold', metric: 'waterLevel', operator: '>=', threshold: 4.5, clearThreshold: 4.3,
    severity: 'critical', note: `Mực nước tính bằng mét; 4,5 m là mức báo động III giả định cho trạm minh họa (mức thật do quyết định của UBND tỉnh cho từng trạm). ${DEMO}`,
  },
  {
    name: 'Mực nước vượt báo động I', deviceType: 'water-level', kind: 'threshold', metric: 'waterLevel', operator: '>=', threshold: 3.5, clearThreshold: 3.4,
    severity: 'minor', note: `Mực nước tính bằng mét; 3,5 m là mức báo động I giả định. ${DEMO}`,
  },
  {
    name: 'Nước lên nhanh', deviceType: 'water-level', kind: 'rate-of-change', metric: 'waterLevel', operator: '>', threshold: 0.03, clearThreshold: 0.01,
    severity: 'major', note: `Nước lên hơn 3 cm mỗi phút (1,8 m mỗi giờ). ${DEMO}`,
  },
  {
    name: 'Mưa to kéo dài', deviceType: 'rain-gauge', kind: 'for-duration', metric: 'precipitation', operator: '>=', threshold: 0.3, clearThreshold: 0.05,
    forSeconds: 600, severity: 'major', note: `Lượng mưa mỗi phút (mm) từ 0,3 mm (khoảng 18 mm/giờ) liên tục 10 phút. ${DEMO}`,
  },
  {
    name: 'Ùn tắc giao thông', deviceType: 'traffic-counter', kind: 'for-duration', metric: 'congested', operator: '>=', threshold: 1, forSeconds: 900,
    severity: 'minor', note: `Bộ đếm báo ùn tắc (congested = 1) liên tục 15 phút. ${DEMO}`,
  },
  ...(['air-quality', 'water-level', 'rain-gauge', 'traffic-counter'] as const).map((deviceType): DemoRule => ({
    name: `Thiết bị mất kết nối (${deviceType})`, deviceType, kind: 'no-data', silentMinutes: 15, severity: 'warning', note: DEMO,
  })),
];

/** Once per database: skipped when any demo rule exists (a province that deleted them does not get them back). */
export async function seedDemoAlarmRules(tx: DbOrTx): Promise<number> {
  if ((await countDemoRules(tx)) > 0) return 0;
  const [province] = await unitsByCodes(tx, ['75']);
  if (!province) return 0;
  for (const r of demoAlarmRules) {
    await insertRule(tx, { id: uuidv7(), ...ruleColumnsOf({ ...r, unitId: province.id }, province), isDemo: true });
  }
  // The province's duty operators hear of major and critical alarms in the app, grouped per rule for 30 s.
  await insertRoute(tx, {
    id: uuidv7(), name: 'Trực ban IOC tỉnh (minh họa)', unitId: province.id, unitPath: province.path, minSeverity: 'major', channel: 'in-app',
    roles: ['operator'], groupWaitSeconds: 30,
  });
  return demoAlarmRules.length;
}
