// Report categories of a provincial hotline (1022) and their default SLA, seeded on every database, and the
// demo routing matrix onto the demo province's agencies (Đồng Nai after 2025-07-01), seeded with the demo only.
// Deadlines are PLAUSIBLE DEFAULTS modelled on provincial hotline practice (urgent within the day, normal
// within five working days), not a legal norm: configure them per province.
import type { CategoryAttribute, Urgency } from '../../../shared/contracts/feedback.js';

export interface CategorySeed {
  code: string; name: string; nameEn: string; group: string; description: string;
  isEmergency: boolean; emergencyNumber: '113' | '114' | '115' | null;
  keywords: string[];
  attributes: CategoryAttribute[];
}

const DAY = 7.5;   // working hours of a day with the default office hours

/** Working hours to accept and to resolve, per urgency. */
export const defaultSla: Record<Urgency, { acceptHours: number; resolveHours: number }> = {
  urgent: { acceptHours: 1, resolveHours: DAY },
  complex: { acceptHours: DAY, resolveHours: 10 * DAY },
  normal: { acceptHours: 4, resolveHours: 5 * DAY },
};

export const OTHER_CATEGORY = 'other';

export const demoCategories: CategorySeed[] = [
  {
    code: 'public-order', name: 'An ninh, trật tự', nameEn: 'Public order and security', group: 'An ninh, trật tự',
    description: 'Gây rối, tụ tập, cờ bạc, tiếng ồn, tệ nạn. Tội phạm đang xảy ra: gọi ngay 113.',
    isEmergency: false, emergencyNumber: null, keywords: ['gây rối', 'ồn ào', 'cờ bạc', 'đánh nhau'], attributes: [],
  },
  {
    code: 'fire', name: 'Cháy, nổ', nameEn: 'Fire and explosion', group: 'Khẩn cấp',
    description: 'Cháy, nổ, nguy cơ cháy nổ. Đang cháy: gọi ngay 114.',
    isEmergency: true, emergencyNumber: '114', keywords: ['cháy', 'nổ', 'khói'], attributes: [],
  },
  {
    code: 'emergency', name: 'Cấp cứu, tai nạn thương tích', nameEn: 'Medical emergency', group: 'Khẩn cấp',
    description: 'Người bị thương, cần cấp cứu: gọi ngay 115.',
    isEmergency: true, emergencyNumber: '115', keywords: ['cấp cứu', 'bị thương', 'ngất'], attributes: [],
  },
  {
    code: 'traffic-accident', name: 'Tai nạn giao thông', nameEn: 'Traffic accident', group: 'Giao thông',
    description: 'Tai nạn giao thông. Có người bị thương: gọi ngay 115; cần cảnh sát: 113.',
    isEmergency: true, emergencyNumber: '113', keywords: ['tai nạn', 'va chạm', 'xe'], attributes: [],
  },
  {
    code: 'urban-order', name: 'Trật tự đô thị', nameEn: 'Urban order', group: 'Đô thị',
    description: 'Lấn chiếm vỉa hè, lòng đường; xây dựng trái phép; quảng cáo sai quy định.',
    isEmergency: false, emergencyNumber: null, keywords: ['lấn chiếm', 'vỉa hè', 'xây dựng trái phép'],
    attributes: [{
      code: 'kind', datatype: 'singlevaluelist', required: false, description: 'Loại vi phạm', descriptionEn: 'Kind of violation', order: 1,
      values: [{ key: 'sidewalk', name: 'Lấn chiếm vỉa hè, lòng đường' }, { key: 'construction', name: 'Xây dựng trái phép' }, { key: 'advertising', name: 'Quảng cáo sai quy định' }, { key: 'other', name: 'Khác' }],
    }],
  },
  {
    code: 'environment', name: 'Môi trường, vệ sinh', nameEn: 'Environment and sanitation', group: 'Đô thị',
    description: 'Rác thải, ô nhiễm, nước thải, mùi hôi, xác động vật.',
    isEmergency: false, emergencyNumber: null, keywords: ['rác', 'ô nhiễm', 'mùi hôi', 'nước thải'], attributes: [],
  },
  {
    code: 'public-lighting', name: 'Chiếu sáng công cộng', nameEn: 'Public lighting', group: 'Hạ tầng',
    description: 'Đèn đường hỏng, không sáng, sáng ban ngày.',
    isEmergency: false, emergencyNumber: null, keywords: ['đèn đường', 'đèn hỏng', 'tối'],
    attributes: [{ code: 'pole_number', datatype: 'string', required: false, description: 'Số hiệu cột đèn (nếu có)', descriptionEn: 'Lamp post number, if any', order: 1 }],
  },
  {
    code: 'roads', name: 'Đường sá, cầu cống', nameEn: 'Roads and bridges', group: 'Hạ tầng',
    description: 'Ổ gà, sụt lún, hư hỏng mặt đường, cầu, cống, biển báo.',
    isEmergency: false, emergencyNumber: null, keywords: ['ổ gà', 'sụt lún', 'đường hỏng', 'cống'],
    attributes: [{
      code: 'damage', datatype: 'singlevaluelist', required: false, description: 'Loại hư hỏng', descriptionEn: 'Kind of damage', order: 1,
      values: [{ key: 'pothole', name: 'Ổ gà' }, { key: 'subsidence', name: 'Sụt lún' }, { key: 'drain', name: 'Cống, hố ga' }, { key: 'sign', name: 'Biển báo, đèn tín hiệu' }, { key: 'other', name: 'Khác' }],
    }],
  },
  {
    code: 'water-supply', name: 'Cấp nước', nameEn: 'Water supply', group: 'Hạ tầng',
    description: 'Mất nước, nước yếu, nước bẩn, vỡ ống.',
    isEmergency: false, emergencyNumber: null, keywords: ['mất nước', 'vỡ ống', 'nước bẩn'], attributes: [],
  },
  {
    code: 'public-administration', name: 'Thủ tục hành chính, thái độ phục vụ', nameEn: 'Public administration', group: 'Hành chính công',
    description: 'Giải quyết thủ tục chậm, gây phiền hà, thái độ cán bộ.',
    isEmergency: false, emergencyNumber: null, keywords: ['thủ tục', 'hồ sơ', 'cán bộ', 'chậm'], attributes: [],
  },
  {
    code: OTHER_CATEGORY, name: 'Khác', nameEn: 'Other', group: 'Khác',
    description: 'Nội dung khác; tổng đài viên sẽ phân loại.',
    isEmergency: false, emergencyNumber: null, keywords: [], attributes: [],
  },
];

/** Demo matrix: category → agency code at the province (75), and per ward/commune where it has a people's committee. */
export const demoProvinceRoutes: Record<string, string> = {
  'public-order': 'DN-CA',
  'fire': 'DN-CA',                 // fire prevention and rescue police is part of the provincial police
  'emergency': 'DN-SYT',
  'traffic-accident': 'DN-CA',
  'urban-order': 'DN-SXD',
  'environment': 'DN-SNNMT',
  'public-lighting': 'DN-SXD',
  'roads': 'DN-SXD',
  'water-supply': 'DN-SXD',
  'public-administration': 'DN-VP-UBND',
  // 'other' has no route: it goes to the operator queue.
};
export const DEMO_PROVINCE_CODE = '75';
/** Categories a ward or commune people's committee handles first in its own territory. */
export const demoLocalCategories = ['urban-order', 'environment', 'public-lighting'];
