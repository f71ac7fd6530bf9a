/**
 * Demo indicator catalog for the demo province (former Bình Phước, GSO code 70, part of Đồng Nai
 * since 2025-07-01; district-level units 688–698).
 *
 * What is real and what is not:
 * - MODELLED ON REALITY: the choice of indicators, their Vietnamese names, units of measure and
 *   aggregation rules follow the kind of indicators a provincial socio-economic report carries
 *   (GRDP, thu/chi ngân sách, giải ngân vốn đầu tư công, IIP, CPI, tổng mức bán lẻ, xuất nhập khẩu,
 *   tỷ lệ hộ nghèo, giường bệnh/vạn dân, tai nạn giao thông …). Cashew and rubber are included
 *   because they are the province's main crops.
 * - REAL DOCUMENTS (cited only where certain): Thông tư 37/2018/TT-BKHĐT (hệ thống chỉ tiêu
 *   thống kê cấp tỉnh, cấp huyện, cấp xã); Nghị định 09/2019/NĐ-CP (chế độ báo cáo của cơ quan
 *   hành chính nhà nước — monthly data from the 15th of the previous month to the 14th);
 *   Nghị định 07/2021/NĐ-CP (chuẩn nghèo đa chiều giai đoạn 2022–2025). legalBasis names the
 *   document family only; the indicator's number inside it is not claimed.
 * - ILLUSTRATIVE: form codes, form names, deadlines and row codes (modelled on the style of
 *   provincial reporting regimes, not copied from a real circular); validation thresholds.
 * - SYNTHETIC: every number — demo.base / growth / seasonality / noise and all targets. Magnitudes
 *   are only meant to be plausible for a province of about one million people.
 * - Owner agencies use the codes of demoAgencies in ../units/demo-province.data.ts; where the real
 *   owner (Cục Thống kê, Bảo hiểm xã hội tỉnh, Cục Thuế, Hải quan) is not modelled, ownerAgencyCode
 *   is left undefined.
 */

export type ValueType = 'number' | 'integer' | 'percent' | 'vnd';
export type Aggregation = 'sum' | 'average' | 'last' | 'min' | 'max' | 'none';
export type PeriodType = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'six_monthly' | 'yearly';
export interface DemoDimension { code: string; name: string; nameEn: string; options: { code: string; name: string; nameEn: string }[] }
export interface DemoIndicator {
  code: string;              // UPPER_SNAKE, e.g. 'GRDP_GROWTH'
  name: string; nameEn: string;
  measureUnit: string;       // Vietnamese unit of measure: '%', 'tỷ đồng', 'triệu USD', 'người', 'lượt khách', 'giường', 'vụ', 'doanh nghiệp', 'ha' …
  sector: 'economy' | 'budget' | 'investment' | 'trade' | 'agriculture' | 'industry' | 'tourism' | 'health' | 'education' | 'labour' | 'social_insurance' | 'land' | 'environment' | 'traffic' | 'public_order' | 'population';
  valueType: ValueType;
  unitAggregation: Aggregation;  // how values of communes/districts combine into the province
  timeAggregation: Aggregation;  // how months combine into a year
  decimals: number;
  minValue?: number; maxValue?: number;   // hard validation range where natural
  higherIsBetter: boolean;
  formula?: string;          // derived indicators only: expression over other indicator codes
  dimensionCodes?: string[]; // disaggregations
  legalBasis?: string;       // only when sure of the document
  description?: string;      // Vietnamese, one sentence
  ownerAgencyCode?: string;  // a code of demoAgencies (../units/demo-province.data.ts)
  // Synthetic data generation hints (used by a generator, marked synthetic in the UI):
  demo: {
    reportedAt: 'province' | 'district';  // who reports it: the province as a whole, or each of the 11 district-level units
    base: number;            // plausible per-period value for the whole province in 2021 (stocks/rates: the level itself)
    growthPerYear: number;   // e.g. 0.07 for +7%/year; negative allowed
    seasonality?: number[];  // optional 12 multipliers around 1.0 (monthly indicators only)
    noise: number;           // relative noise, e.g. 0.05
  };
}
export interface DemoForm {
  code: string;              // ILLUSTRATIVE code in the style of provincial reporting regimes (not a real form number)
  name: string; nameEn: string;
  periodType: PeriodType;
  cutoffDay: number;         // 15 for forms under the Decree 09/2019 reporting regime, else 1
  deadlineDays: number;      // days after period end
  reportedBy: 'province' | 'district';   // matches demo.reportedAt of all its indicators
  reportingAgencies?: Record<string, string>;  // unit code → the agency that reports it for that unit (else the unit itself)
  sections: { name: string; rows: { rowCode: string; indicatorCode: string }[] }[];
}
export interface DemoValidationRule { code: string; name: string; nameEn: string; kind: 'range' | 'comparison' | 'jump'; severity: 'blocking' | 'warning'; params: Record<string, unknown> }
// params: range {indicatorCode, min?, max?}; comparison {left: string (expression), op: '<=' | '<' | '>=' | '>' | '==', right: string}; jump {indicatorCode, maxChangePct}
export interface DemoTarget { indicatorCode: string; year: number; annual: number }  // province-level annual targets, 2022–2026

export const DEMO_CATALOG_NOTE: string =
  'Danh mục chỉ tiêu minh họa: mô phỏng theo các chỉ tiêu thực tế trong báo cáo kinh tế - xã hội cấp tỉnh; mã biểu mẫu là minh họa; toàn bộ số liệu và chỉ tiêu kế hoạch là giả lập. / Demo indicator catalog: modelled on real provincial socio-economic indicators; form codes are illustrative; all numbers and targets are synthetic.';

const TT37 = 'Thông tư 37/2018/TT-BKHĐT';

// ---- Seasonality profiles (12 monthly multipliers, mean 1.0) — synthetic, shaped after known patterns
const TET_RETAIL = [1.12, 1.10, 0.95, 0.96, 0.97, 0.97, 0.98, 0.98, 0.98, 0.99, 0.99, 1.01]; // Tết shopping in Jan/Feb
const TET_TRADE = [1.0, 0.8, 1.02, 1.0, 1.02, 1.02, 1.02, 1.02, 1.02, 1.03, 1.03, 1.02]; // factories pause over Tết
const TOURISM = [1.3, 1.4, 0.9, 1.0, 0.95, 1.05, 1.1, 1.0, 0.8, 0.8, 0.8, 0.9]; // Tết/spring festivals, summer
const BUDGET_REV = [1.1, 0.85, 0.9, 1.0, 1.0, 0.95, 0.95, 0.95, 0.95, 1.0, 1.05, 1.3]; // year-end collection push
const BUDGET_SPEND = [0.7, 0.8, 0.9, 0.95, 0.95, 1.0, 1.0, 1.0, 1.0, 1.05, 1.15, 1.5]; // year-end settlement
const DISBURSEMENT = [0.3, 0.4, 0.6, 0.7, 0.8, 1.0, 1.0, 1.1, 1.2, 1.3, 1.5, 2.1]; // public investment back-loaded
const ENTERPRISES = [0.9, 0.6, 1.1, 1.0, 1.05, 1.05, 1.05, 1.0, 1.0, 1.05, 1.05, 1.15];
const CASHEW = [0.3, 1.2, 2.6, 3.0, 2.2, 0.9, 0.4, 0.3, 0.3, 0.3, 0.2, 0.3]; // harvest Feb–May (dry season)
const RUBBER = [1.1, 0.7, 0.35, 0.35, 0.85, 1.05, 1.15, 1.2, 1.25, 1.3, 1.4, 1.3]; // tapping rest during leaf fall Feb–Apr
const RICE = [0.2, 1.8, 1.6, 0.4, 0.2, 0.3, 1.5, 1.6, 0.6, 0.4, 1.6, 1.8]; // winter–spring, summer–autumn and main-season harvests
const PLANTING = [0.1, 0.1, 0.1, 0.2, 0.8, 2.2, 2.6, 2.4, 2.0, 1.0, 0.3, 0.2]; // planting in the rainy season
const DENGUE = [0.6, 0.4, 0.35, 0.35, 0.6, 0.9, 1.4, 1.7, 1.8, 1.6, 1.3, 1.0]; // rainy-season peak
const FIRE = [1.5, 1.8, 1.9, 1.4, 0.8, 0.6, 0.5, 0.5, 0.5, 0.6, 0.8, 1.1]; // dry season Dec–Apr
const TET_TRAFFIC = [1.2, 1.25, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 1.0];
const JOBS = [0.8, 0.7, 1.1, 1.05, 1.05, 1.0, 1.0, 1.0, 1.05, 1.05, 1.1, 1.1];

export const demoDimensions: DemoDimension[] = [
  { code: 'SEX', name: 'Giới tính', nameEn: 'Sex', options: [
    { code: 'MALE', name: 'Nam', nameEn: 'Male' },
    { code: 'FEMALE', name: 'Nữ', nameEn: 'Female' },
  ] },
  { code: 'AGE_GROUP', name: 'Nhóm tuổi', nameEn: 'Age group', options: [
    { code: 'Y0_14', name: '0–14 tuổi', nameEn: '0–14 years' },
    { code: 'Y15_24', name: '15–24 tuổi', nameEn: '15–24 years' },
    { code: 'Y25_54', name: '25–54 tuổi', nameEn: '25–54 years' },
    { code: 'Y55_64', name: '55–64 tuổi', nameEn: '55–64 years' },
    { code: 'Y65_PLUS', name: '65 tuổi trở lên', nameEn: '65 years and over' },
  ] },
  { code: 'AREA', name: 'Thành thị/nông thôn', nameEn: 'Urban/rural', options: [
    { code: 'URBAN', name: 'Thành thị', nameEn: 'Urban' },
    { code: 'RURAL', name: 'Nông thôn', nameEn: 'Rural' },
  ] },
];

export const demoIndicators: DemoIndicator[] = [
  // ---------------------------------------------------------------- Economy, industry, prices
  { code: 'GRDP_CURRENT', name: 'Tổng sản phẩm trên địa bàn (GRDP) theo giá hiện hành', nameEn: 'GRDP at current prices', measureUnit: 'tỷ đồng', sector: 'economy', valueType: 'vnd', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 1, minValue: 0, higherIsBetter: true, legalBasis: TT37,
    description: 'Giá trị mới tạo ra của nền kinh tế trên địa bàn tỉnh trong kỳ, tính theo giá hiện hành.',
    demo: { reportedAt: 'province', base: 21000, growthPerYear: 0.09, noise: 0.03 } },
  { code: 'GRDP_GROWTH', name: 'Tốc độ tăng GRDP (giá so sánh 2010) so với cùng kỳ', nameEn: 'GRDP growth rate (constant 2010 prices), year on year', measureUnit: '%', sector: 'economy', valueType: 'number', unitAggregation: 'none', timeAggregation: 'none', decimals: 2, minValue: -50, maxValue: 50, higherIsBetter: true, legalBasis: TT37,
    description: 'Tốc độ tăng tổng sản phẩm trên địa bàn theo giá so sánh so với cùng kỳ năm trước, do cơ quan thống kê tính và công bố.',
    demo: { reportedAt: 'province', base: 7.5, growthPerYear: 0, noise: 0.15 } },
  { code: 'GRDP_PER_CAPITA', name: 'GRDP bình quân đầu người', nameEn: 'GRDP per capita', measureUnit: 'triệu đồng/người', sector: 'economy', valueType: 'number', unitAggregation: 'none', timeAggregation: 'none', decimals: 1, minValue: 0, higherIsBetter: true, legalBasis: TT37,
    formula: 'round(GRDP_CURRENT / POPULATION * 1000, 1)',
    description: 'GRDP theo giá hiện hành chia cho dân số; có ý nghĩa khi tính cho cả năm.',
    demo: { reportedAt: 'province', base: 83, growthPerYear: 0.075, noise: 0.03 } },
  { code: 'IIP', name: 'Chỉ số sản xuất công nghiệp (IIP) so với cùng kỳ', nameEn: 'Index of industrial production, year on year', measureUnit: '%', sector: 'industry', valueType: 'number', unitAggregation: 'none', timeAggregation: 'average', decimals: 2, minValue: 0, maxValue: 300, higherIsBetter: true, legalBasis: TT37,
    description: 'Chỉ số phản ánh biến động khối lượng sản xuất công nghiệp so với cùng kỳ năm trước (cùng kỳ = 100%).',
    demo: { reportedAt: 'province', base: 108.5, growthPerYear: 0, noise: 0.02 } },
  { code: 'CPI', name: 'Chỉ số giá tiêu dùng (CPI) so với cùng kỳ', nameEn: 'Consumer price index, year on year', measureUnit: '%', sector: 'economy', valueType: 'number', unitAggregation: 'none', timeAggregation: 'average', decimals: 2, minValue: 50, maxValue: 200, higherIsBetter: false, legalBasis: TT37,
    description: 'Chỉ số giá tiêu dùng bình quân so với cùng kỳ năm trước (cùng kỳ = 100%).',
    demo: { reportedAt: 'province', base: 103.2, growthPerYear: 0, noise: 0.01 } },

  // ---------------------------------------------------------------- Trade and tourism
  { code: 'RETAIL_SALES', name: 'Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng', nameEn: 'Retail sales of goods and consumer services', measureUnit: 'tỷ đồng', sector: 'trade', valueType: 'vnd', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 1, minValue: 0, higherIsBetter: true, legalBasis: TT37,
    description: 'Doanh thu bán lẻ hàng hóa, lưu trú, ăn uống, du lịch lữ hành và dịch vụ tiêu dùng trên địa bàn.',
    demo: { reportedAt: 'province', base: 4600, growthPerYear: 0.10, seasonality: TET_RETAIL, noise: 0.04 } },
  { code: 'RETAIL_SALES_GROWTH_YOY', name: 'Tốc độ tăng tổng mức bán lẻ so với cùng kỳ', nameEn: 'Retail sales growth, year on year', measureUnit: '%', sector: 'trade', valueType: 'number', unitAggregation: 'none', timeAggregation: 'none', decimals: 2, higherIsBetter: true,
    formula: 'round((RETAIL_SALES / lastYear(RETAIL_SALES) - 1) * 100, 2)',
    description: 'Tỷ lệ tăng (giảm) tổng mức bán lẻ so với cùng kỳ năm trước theo giá hiện hành.',
    demo: { reportedAt: 'province', base: 10, growthPerYear: 0, noise: 0.3 } },
  { code: 'EXPORT_TURNOVER', name: 'Kim ngạch xuất khẩu hàng hóa', nameEn: 'Merchandise export turnover', measureUnit: 'triệu USD', sector: 'trade', valueType: 'number', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 1, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SCT',
    description: 'Trị giá hàng hóa xuất khẩu của doanh nghiệp trên địa bàn tỉnh trong kỳ.',
    demo: { reportedAt: 'province', base: 340, growthPerYear: 0.08, seasonality: TET_TRADE, noise: 0.06 } },
  { code: 'IMPORT_TURNOVER', name: 'Kim ngạch nhập khẩu hàng hóa', nameEn: 'Merchandise import turnover', measureUnit: 'triệu USD', sector: 'trade', valueType: 'number', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 1, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SCT',
    description: 'Trị giá hàng hóa nhập khẩu của doanh nghiệp trên địa bàn tỉnh trong kỳ (chủ yếu điều thô và nguyên liệu sản xuất).',
    demo: { reportedAt: 'province', base: 230, growthPerYear: 0.08, seasonality: TET_TRADE, noise: 0.08 } },
  { code: 'TRADE_BALANCE', name: 'Cán cân thương mại hàng hóa', nameEn: 'Merchandise trade balance', measureUnit: 'triệu USD', sector: 'trade', valueType: 'number', unitAggregation: 'none', timeAggregation: 'none', decimals: 1, higherIsBetter: true, ownerAgencyCode: 'BP-SCT',
    formula: 'EXPORT_TURNOVER - IMPORT_TURNOVER',
    description: 'Chênh lệch giữa kim ngạch xuất khẩu và kim ngạch nhập khẩu hàng hóa.',
    demo: { reportedAt: 'province', base: 110, growthPerYear: 0.08, noise: 0.2 } },
  { code: 'EXPORT_GROWTH_YOY', name: 'Tốc độ tăng kim ngạch xuất khẩu so với cùng kỳ', nameEn: 'Export turnover growth, year on year', measureUnit: '%', sector: 'trade', valueType: 'number', unitAggregation: 'none', timeAggregation: 'none', decimals: 2, higherIsBetter: true, ownerAgencyCode: 'BP-SCT',
    formula: 'round((EXPORT_TURNOVER / lastYear(EXPORT_TURNOVER) - 1) * 100, 2)',
    description: 'Tỷ lệ tăng (giảm) kim ngạch xuất khẩu so với cùng kỳ năm trước.',
    demo: { reportedAt: 'province', base: 8, growthPerYear: 0, noise: 0.5 } },
  { code: 'TOURIST_ARRIVALS', name: 'Tổng lượt khách du lịch', nameEn: 'Tourist arrivals', measureUnit: 'lượt khách', sector: 'tourism', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SVHTTDL',
    description: 'Số lượt khách trong nước và quốc tế đến tham quan, du lịch trên địa bàn tỉnh.',
    demo: { reportedAt: 'province', base: 85000, growthPerYear: 0.12, seasonality: TOURISM, noise: 0.08 } },
  { code: 'TOURIST_ARRIVALS_INTERNATIONAL', name: 'Lượt khách du lịch quốc tế', nameEn: 'International tourist arrivals', measureUnit: 'lượt khách', sector: 'tourism', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SVHTTDL',
    description: 'Số lượt khách quốc tế đến tham quan, du lịch trên địa bàn tỉnh.',
    demo: { reportedAt: 'province', base: 1200, growthPerYear: 0.15, seasonality: TOURISM, noise: 0.2 } },
  { code: 'TOURISM_REVENUE', name: 'Tổng thu từ khách du lịch', nameEn: 'Tourism revenue', measureUnit: 'tỷ đồng', sector: 'tourism', valueType: 'vnd', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 1, minValue: 0, higherIsBetter: true, ownerAgencyCode: 'BP-SVHTTDL',
    description: 'Tổng số tiền khách du lịch chi trả cho lưu trú, ăn uống, vận chuyển, tham quan và dịch vụ khác.',
    demo: { reportedAt: 'province', base: 110, growthPerYear: 0.12, seasonality: TOURISM, noise: 0.1 } },

  // ---------------------------------------------------------------- State budget
  { code: 'BUDGET_REVENUE_TOTAL', name: 'Tổng thu ngân sách nhà nước trên địa bàn', nameEn: 'Total state budget revenue collected in the province', measureUnit: 'tỷ đồng', sector: 'budget', valueType: 'vnd', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 1, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-STC',
    description: 'Tổng thu ngân sách nhà nước trên địa bàn, gồm thu nội địa, thu từ hoạt động xuất nhập khẩu và các khoản thu khác.',
    demo: { reportedAt: 'province', base: 1080, growthPerYear: 0.06, seasonality: BUDGET_REV, noise: 0.1 } },
  { code: 'BUDGET_REVENUE_DOMESTIC', name: 'Thu nội địa', nameEn: 'Domestic budget revenue', measureUnit: 'tỷ đồng', sector: 'budget', valueType: 'vnd', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 1, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-STC',
    description: 'Thu ngân sách từ thuế, phí, lệ phí, tiền sử dụng đất và các khoản thu nội địa khác trên địa bàn.',
    demo: { reportedAt: 'province', base: 1010, growthPerYear: 0.06, seasonality: BUDGET_REV, noise: 0.1 } },
  { code: 'BUDGET_REVENUE_IMPORT_EXPORT', name: 'Thu từ hoạt động xuất nhập khẩu', nameEn: 'Budget revenue from import and export activities', measureUnit: 'tỷ đồng', sector: 'budget', valueType: 'vnd', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 1, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-STC',
    description: 'Thuế xuất khẩu, thuế nhập khẩu, thuế giá trị gia tăng hàng nhập khẩu và các khoản thu khác do hải quan thu trên địa bàn.',
    demo: { reportedAt: 'province', base: 55, growthPerYear: 0.05, seasonality: TET_TRADE, noise: 0.15 } },
  { code: 'BUDGET_SPENDING_TOTAL', name: 'Tổng chi ngân sách địa phương', nameEn: 'Total local budget expenditure', measureUnit: 'tỷ đồng', sector: 'budget', valueType: 'vnd', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 1, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-STC',
    description: 'Tổng chi ngân sách địa phương gồm chi đầu tư phát triển, chi thường xuyên và các khoản chi khác.',
    demo: { reportedAt: 'province', base: 1250, growthPerYear: 0.06, seasonality: BUDGET_SPEND, noise: 0.08 } },
  { code: 'BUDGET_REVENUE_GROWTH_YOY', name: 'Tốc độ tăng tổng thu ngân sách so với cùng kỳ', nameEn: 'Budget revenue growth, year on year', measureUnit: '%', sector: 'budget', valueType: 'number', unitAggregation: 'none', timeAggregation: 'none', decimals: 2, higherIsBetter: true, ownerAgencyCode: 'BP-STC',
    formula: 'round((BUDGET_REVENUE_TOTAL / lastYear(BUDGET_REVENUE_TOTAL) - 1) * 100, 2)',
    description: 'Tỷ lệ tăng (giảm) tổng thu ngân sách nhà nước trên địa bàn so với cùng kỳ năm trước.',
    demo: { reportedAt: 'province', base: 6, growthPerYear: 0, noise: 0.8 } },

  // ---------------------------------------------------------------- Investment and enterprises
  { code: 'PUBLIC_INVEST_PLAN', name: 'Kế hoạch vốn đầu tư công được giao trong năm', nameEn: 'Annual public investment plan', measureUnit: 'tỷ đồng', sector: 'investment', valueType: 'vnd', unitAggregation: 'sum', timeAggregation: 'last', decimals: 1, minValue: 0, higherIsBetter: true, ownerAgencyCode: 'BP-SKHDT',
    description: 'Tổng kế hoạch vốn đầu tư công của năm đã được giao, kể cả điều chỉnh, bổ sung.',
    demo: { reportedAt: 'province', base: 5200, growthPerYear: 0.08, noise: 0.02 } },
  { code: 'PUBLIC_INVEST_DISBURSED', name: 'Giá trị giải ngân vốn đầu tư công', nameEn: 'Public investment disbursed', measureUnit: 'tỷ đồng', sector: 'investment', valueType: 'vnd', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 1, minValue: 0, higherIsBetter: true, ownerAgencyCode: 'BP-SKHDT',
    description: 'Số vốn đầu tư công đã giải ngân qua Kho bạc Nhà nước trong kỳ.',
    demo: { reportedAt: 'province', base: 433, growthPerYear: 0.08, seasonality: DISBURSEMENT, noise: 0.1 } },
  { code: 'PUBLIC_INVEST_DISBURSEMENT_RATE', name: 'Tỷ lệ giải ngân vốn đầu tư công so với kế hoạch', nameEn: 'Public investment disbursement rate against plan', measureUnit: '%', sector: 'investment', valueType: 'percent', unitAggregation: 'none', timeAggregation: 'none', decimals: 1, minValue: 0, maxValue: 100, higherIsBetter: true, ownerAgencyCode: 'BP-SKHDT',
    formula: 'round(PUBLIC_INVEST_DISBURSED / PUBLIC_INVEST_PLAN * 100, 1)',
    description: 'Giá trị giải ngân trong kỳ chia cho kế hoạch vốn năm; kỳ năm cho tỷ lệ giải ngân cả năm.',
    demo: { reportedAt: 'province', base: 92, growthPerYear: 0, noise: 0.05 } },
  { code: 'SOCIAL_INVEST_CAPITAL', name: 'Vốn đầu tư thực hiện toàn xã hội trên địa bàn', nameEn: 'Total realised social investment capital', measureUnit: 'tỷ đồng', sector: 'investment', valueType: 'vnd', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 1, minValue: 0, higherIsBetter: true, legalBasis: TT37,
    description: 'Toàn bộ vốn bỏ ra để tăng năng lực sản xuất và tài sản trên địa bàn trong kỳ, theo mọi nguồn vốn.',
    demo: { reportedAt: 'province', base: 7500, growthPerYear: 0.10, noise: 0.06 } },
  { code: 'FDI_NEW_PROJECTS', name: 'Số dự án đầu tư trực tiếp nước ngoài được cấp mới', nameEn: 'Newly licensed FDI projects', measureUnit: 'dự án', sector: 'investment', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SKHDT',
    description: 'Số dự án có vốn đầu tư nước ngoài được cấp Giấy chứng nhận đăng ký đầu tư mới trong kỳ.',
    demo: { reportedAt: 'province', base: 9, growthPerYear: 0.05, noise: 0.35 } },
  { code: 'FDI_REGISTERED_CAPITAL', name: 'Vốn đầu tư trực tiếp nước ngoài đăng ký (cấp mới và tăng vốn)', nameEn: 'Registered FDI capital (new and additional)', measureUnit: 'triệu USD', sector: 'investment', valueType: 'number', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 2, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SKHDT',
    description: 'Tổng vốn đăng ký của dự án FDI cấp mới và vốn đăng ký tăng thêm trong kỳ.',
    demo: { reportedAt: 'province', base: 120, growthPerYear: 0.08, noise: 0.5 } },
  { code: 'DOMESTIC_INVEST_PROJECTS', name: 'Số dự án đầu tư trong nước được chấp thuận chủ trương', nameEn: 'Approved domestic investment projects', measureUnit: 'dự án', sector: 'investment', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: true, ownerAgencyCode: 'BP-SKHDT',
    description: 'Số dự án đầu tư trong nước được chấp thuận chủ trương đầu tư hoặc cấp Giấy chứng nhận đăng ký đầu tư trong kỳ.',
    demo: { reportedAt: 'province', base: 25, growthPerYear: 0.05, noise: 0.3 } },
  { code: 'DOMESTIC_INVEST_CAPITAL', name: 'Vốn đầu tư trong nước đăng ký', nameEn: 'Registered domestic investment capital', measureUnit: 'tỷ đồng', sector: 'investment', valueType: 'vnd', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 1, minValue: 0, higherIsBetter: true, ownerAgencyCode: 'BP-SKHDT',
    description: 'Tổng vốn đăng ký của các dự án đầu tư trong nước được chấp thuận hoặc điều chỉnh tăng vốn trong kỳ.',
    demo: { reportedAt: 'province', base: 6000, growthPerYear: 0.08, noise: 0.5 } },
  { code: 'NEW_ENTERPRISES', name: 'Số doanh nghiệp thành lập mới', nameEn: 'Newly registered enterprises', measureUnit: 'doanh nghiệp', sector: 'investment', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SKHDT',
    description: 'Số doanh nghiệp được cấp Giấy chứng nhận đăng ký doanh nghiệp mới trong kỳ.',
    demo: { reportedAt: 'province', base: 110, growthPerYear: 0.06, seasonality: ENTERPRISES, noise: 0.15 } },
  { code: 'NEW_ENTERPRISE_CAPITAL', name: 'Vốn đăng ký của doanh nghiệp thành lập mới', nameEn: 'Registered capital of new enterprises', measureUnit: 'tỷ đồng', sector: 'investment', valueType: 'vnd', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 1, minValue: 0, higherIsBetter: true, ownerAgencyCode: 'BP-SKHDT',
    description: 'Tổng vốn điều lệ đăng ký của các doanh nghiệp thành lập mới trong kỳ.',
    demo: { reportedAt: 'province', base: 1400, growthPerYear: 0.06, seasonality: ENTERPRISES, noise: 0.25 } },
  { code: 'ENTERPRISES_SUSPENDED', name: 'Số doanh nghiệp tạm ngừng kinh doanh', nameEn: 'Enterprises suspending business', measureUnit: 'doanh nghiệp', sector: 'investment', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: false, ownerAgencyCode: 'BP-SKHDT',
    description: 'Số doanh nghiệp đăng ký tạm ngừng kinh doanh có thời hạn trong kỳ.',
    demo: { reportedAt: 'province', base: 45, growthPerYear: 0.03, seasonality: ENTERPRISES, noise: 0.2 } },
  { code: 'ENTERPRISES_DISSOLVED', name: 'Số doanh nghiệp giải thể', nameEn: 'Enterprises dissolved', measureUnit: 'doanh nghiệp', sector: 'investment', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: false, ownerAgencyCode: 'BP-SKHDT',
    description: 'Số doanh nghiệp hoàn tất thủ tục giải thể trong kỳ.',
    demo: { reportedAt: 'province', base: 18, growthPerYear: 0.03, noise: 0.3 } },
  { code: 'NEW_ENTERPRISES_MOM', name: 'Biến động số doanh nghiệp thành lập mới so với kỳ trước', nameEn: 'New enterprises, change on previous period', measureUnit: '%', sector: 'investment', valueType: 'number', unitAggregation: 'none', timeAggregation: 'none', decimals: 1, higherIsBetter: true, ownerAgencyCode: 'BP-SKHDT',
    formula: 'round((NEW_ENTERPRISES / prev(NEW_ENTERPRISES) - 1) * 100, 1)',
    description: 'Tỷ lệ tăng (giảm) số doanh nghiệp thành lập mới so với kỳ báo cáo liền trước.',
    demo: { reportedAt: 'province', base: 0, growthPerYear: 0, noise: 0.2 } },

  // ---------------------------------------------------------------- Agriculture, forestry, land, environment
  { code: 'CASHEW_OUTPUT', name: 'Sản lượng hạt điều', nameEn: 'Cashew nut output', measureUnit: 'tấn', sector: 'agriculture', valueType: 'number', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SNNPTNT',
    description: 'Sản lượng hạt điều thu hoạch trong kỳ; điều là cây trồng chủ lực của tỉnh.',
    demo: { reportedAt: 'province', base: 15500, growthPerYear: 0.01, seasonality: CASHEW, noise: 0.1 } },
  { code: 'RUBBER_OUTPUT', name: 'Sản lượng mủ cao su', nameEn: 'Natural rubber output', measureUnit: 'tấn', sector: 'agriculture', valueType: 'number', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SNNPTNT',
    description: 'Sản lượng mủ cao su khai thác trong kỳ (quy khô).',
    demo: { reportedAt: 'province', base: 28000, growthPerYear: 0.015, seasonality: RUBBER, noise: 0.06 } },
  { code: 'RICE_OUTPUT', name: 'Sản lượng lúa', nameEn: 'Paddy rice output', measureUnit: 'tấn', sector: 'agriculture', valueType: 'number', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SNNPTNT',
    description: 'Sản lượng lúa thu hoạch trong kỳ, cộng các vụ đông xuân, hè thu và mùa.',
    demo: { reportedAt: 'province', base: 1250, growthPerYear: -0.01, seasonality: RICE, noise: 0.1 } },
  { code: 'PLANTED_FOREST_AREA', name: 'Diện tích rừng trồng mới tập trung', nameEn: 'Newly planted forest area', measureUnit: 'ha', sector: 'agriculture', valueType: 'number', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 1, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SNNPTNT',
    description: 'Diện tích rừng trồng mới tập trung trong kỳ, không kể trồng cây phân tán.',
    demo: { reportedAt: 'province', base: 55, growthPerYear: 0, seasonality: PLANTING, noise: 0.2 } },
  { code: 'FOREST_AREA', name: 'Diện tích có rừng', nameEn: 'Forested area', measureUnit: 'ha', sector: 'environment', valueType: 'number', unitAggregation: 'sum', timeAggregation: 'last', decimals: 1, minValue: 0, higherIsBetter: true, ownerAgencyCode: 'BP-SNNPTNT',
    description: 'Diện tích đất có rừng (rừng tự nhiên và rừng trồng) tính đến cuối kỳ theo kết quả theo dõi diễn biến rừng.',
    demo: { reportedAt: 'district', base: 113500, growthPerYear: 0.003, noise: 0.002 } },
  { code: 'NATURAL_AREA', name: 'Diện tích tự nhiên', nameEn: 'Total natural area', measureUnit: 'ha', sector: 'land', valueType: 'number', unitAggregation: 'sum', timeAggregation: 'last', decimals: 1, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-STNMT',
    description: 'Tổng diện tích tự nhiên của đơn vị hành chính theo số liệu thống kê, kiểm kê đất đai.',
    demo: { reportedAt: 'district', base: 687400, growthPerYear: 0, noise: 0 } },
  { code: 'FOREST_COVER', name: 'Tỷ lệ che phủ rừng', nameEn: 'Forest cover', measureUnit: '%', sector: 'environment', valueType: 'percent', unitAggregation: 'none', timeAggregation: 'none', decimals: 2, minValue: 0, maxValue: 100, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SNNPTNT',
    formula: 'round(FOREST_AREA / NATURAL_AREA * 100, 2)',
    description: 'Diện tích có rừng so với tổng diện tích tự nhiên.',
    demo: { reportedAt: 'district', base: 16.5, growthPerYear: 0.003, noise: 0.002 } },

  // ---------------------------------------------------------------- Health
  { code: 'HOSPITAL_BEDS', name: 'Số giường bệnh', nameEn: 'Hospital beds', measureUnit: 'giường', sector: 'health', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'last', decimals: 0, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SYT',
    description: 'Số giường bệnh của các cơ sở khám bệnh, chữa bệnh trên địa bàn (không kể giường trạm y tế xã), tính đến cuối kỳ.',
    demo: { reportedAt: 'district', base: 3000, growthPerYear: 0.03, noise: 0.01 } },
  { code: 'DOCTORS', name: 'Số bác sĩ', nameEn: 'Medical doctors', measureUnit: 'người', sector: 'health', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'last', decimals: 0, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SYT',
    description: 'Số bác sĩ đang làm việc tại các cơ sở y tế trên địa bàn, tính đến cuối kỳ.',
    demo: { reportedAt: 'district', base: 1000, growthPerYear: 0.04, noise: 0.01 } },
  { code: 'BEDS_PER_10K', name: 'Số giường bệnh trên một vạn dân', nameEn: 'Hospital beds per 10,000 population', measureUnit: 'giường/vạn dân', sector: 'health', valueType: 'number', unitAggregation: 'none', timeAggregation: 'none', decimals: 1, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SYT',
    formula: 'round(HOSPITAL_BEDS / POPULATION * 10000, 1)',
    description: 'Số giường bệnh tính bình quân trên 10.000 dân.',
    demo: { reportedAt: 'district', base: 29.7, growthPerYear: 0.018, noise: 0.01 } },
  { code: 'DOCTORS_PER_10K', name: 'Số bác sĩ trên một vạn dân', nameEn: 'Doctors per 10,000 population', measureUnit: 'bác sĩ/vạn dân', sector: 'health', valueType: 'number', unitAggregation: 'none', timeAggregation: 'none', decimals: 1, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SYT',
    formula: 'round(DOCTORS / POPULATION * 10000, 1)',
    description: 'Số bác sĩ tính bình quân trên 10.000 dân.',
    demo: { reportedAt: 'district', base: 9.9, growthPerYear: 0.028, noise: 0.01 } },
  { code: 'CHILD_VACCINATION_COVERAGE', name: 'Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ', nameEn: 'Full immunisation coverage of children under one', measureUnit: '%', sector: 'health', valueType: 'percent', unitAggregation: 'average', timeAggregation: 'average', decimals: 1, minValue: 0, maxValue: 100, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SYT',
    description: 'Số trẻ dưới 1 tuổi được tiêm đủ các loại vắc xin trong Chương trình tiêm chủng mở rộng so với số trẻ thuộc diện tiêm trong kỳ.',
    demo: { reportedAt: 'district', base: 95, growthPerYear: 0.002, noise: 0.02 } },
  { code: 'DENGUE_CASES', name: 'Số ca mắc sốt xuất huyết', nameEn: 'Dengue fever cases', measureUnit: 'ca', sector: 'health', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: false, ownerAgencyCode: 'BP-SYT',
    description: 'Số ca mắc sốt xuất huyết Dengue được ghi nhận trong kỳ qua hệ thống giám sát bệnh truyền nhiễm.',
    demo: { reportedAt: 'district', base: 180, growthPerYear: 0, seasonality: DENGUE, noise: 0.3 } },

  // ---------------------------------------------------------------- Education (school year, reported once a year)
  { code: 'STUDENTS_TOTAL', name: 'Số học sinh phổ thông', nameEn: 'General-education students', measureUnit: 'học sinh', sector: 'education', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'last', decimals: 0, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SGDDT', dimensionCodes: ['SEX', 'AREA'],
    description: 'Số học sinh tiểu học, trung học cơ sở và trung học phổ thông đầu năm học.',
    demo: { reportedAt: 'district', base: 245000, growthPerYear: 0.01, noise: 0.01 } },
  { code: 'TEACHERS', name: 'Số giáo viên phổ thông', nameEn: 'General-education teachers', measureUnit: 'người', sector: 'education', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'last', decimals: 0, minValue: 0, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SGDDT',
    description: 'Số giáo viên trực tiếp giảng dạy ở các trường phổ thông đầu năm học.',
    demo: { reportedAt: 'district', base: 12500, growthPerYear: 0.01, noise: 0.01 } },
  { code: 'ENROLMENT_PRIMARY', name: 'Tỷ lệ đi học đúng tuổi cấp tiểu học', nameEn: 'Net enrolment rate, primary', measureUnit: '%', sector: 'education', valueType: 'percent', unitAggregation: 'average', timeAggregation: 'last', decimals: 2, minValue: 0, maxValue: 100, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SGDDT',
    description: 'Số học sinh tiểu học trong độ tuổi 6–10 so với dân số độ tuổi 6–10.',
    demo: { reportedAt: 'district', base: 99.3, growthPerYear: 0.001, noise: 0.003 } },
  { code: 'ENROLMENT_LOWER_SECONDARY', name: 'Tỷ lệ đi học đúng tuổi cấp trung học cơ sở', nameEn: 'Net enrolment rate, lower secondary', measureUnit: '%', sector: 'education', valueType: 'percent', unitAggregation: 'average', timeAggregation: 'last', decimals: 2, minValue: 0, maxValue: 100, higherIsBetter: true, legalBasis: TT37, ownerAgencyCode: 'BP-SGDDT',
    description: 'Số học sinh trung học cơ sở trong độ tuổi 11–14 so với dân số độ tuổi 11–14.',
    demo: { reportedAt: 'district', base: 92.5, growthPerYear: 0.004, noise: 0.01 } },

  // ---------------------------------------------------------------- Labour and social insurance
  { code: 'LABOUR_FORCE', name: 'Lực lượng lao động từ 15 tuổi trở lên', nameEn: 'Labour force aged 15 and over', measureUnit: 'người', sector: 'labour', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'average', decimals: 0, minValue: 0, higherIsBetter: true, legalBasis: TT37,
    description: 'Số người từ 15 tuổi trở lên đang có việc làm hoặc thất nghiệp, theo điều tra lao động việc làm.',
    demo: { reportedAt: 'province', base: 590000, growthPerYear: 0.01, noise: 0.005 } },
  { code: 'UNEMPLOYMENT_RATE', name: 'Tỷ lệ thất nghiệp của lực lượng lao động trong độ tuổi', nameEn: 'Unemployment rate of the working-age labour force', measureUnit: '%', sector: 'labour', valueType: 'percent', unitAggregation: 'none', timeAggregation: 'average', decimals: 2, minValue: 0, maxValue: 100, higherIsBetter: false, legalBasis: TT37, dimensionCodes: ['SEX', 'AREA'],
    description: 'Số người thất nghiệp trong độ tuổi lao động so với lực lượng lao động trong độ tuổi.',
    demo: { reportedAt: 'province', base: 2.4, growthPerYear: -0.03, noise: 0.08 } },
  { code: 'JOBS_CREATED', name: 'Số lao động được giải quyết việc làm', nameEn: 'Workers placed in jobs', measureUnit: 'người', sector: 'labour', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: true, ownerAgencyCode: 'BP-SLDTBXH', dimensionCodes: ['SEX', 'AREA'],
    description: 'Số lao động được tạo việc làm mới trong kỳ, kể cả đi làm việc ở nước ngoài theo hợp đồng.',
    demo: { reportedAt: 'district', base: 2600, growthPerYear: 0.03, seasonality: JOBS, noise: 0.1 } },
  { code: 'SI_PARTICIPANTS', name: 'Số người tham gia bảo hiểm xã hội', nameEn: 'Social insurance participants', measureUnit: 'người', sector: 'social_insurance', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'last', decimals: 0, minValue: 0, higherIsBetter: true, legalBasis: TT37,
    description: 'Số người tham gia bảo hiểm xã hội bắt buộc và tự nguyện tính đến cuối kỳ.',
    demo: { reportedAt: 'district', base: 185000, growthPerYear: 0.07, noise: 0.01 } },
  { code: 'HI_PARTICIPANTS', name: 'Số người tham gia bảo hiểm y tế', nameEn: 'Health insurance participants', measureUnit: 'người', sector: 'social_insurance', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'last', decimals: 0, minValue: 0, higherIsBetter: true, legalBasis: TT37,
    description: 'Số người có thẻ bảo hiểm y tế còn giá trị sử dụng tính đến cuối kỳ.',
    demo: { reportedAt: 'district', base: 915000, growthPerYear: 0.015, noise: 0.01 } },
  { code: 'SI_COVERAGE', name: 'Tỷ lệ lực lượng lao động tham gia bảo hiểm xã hội', nameEn: 'Social insurance coverage of the labour force', measureUnit: '%', sector: 'social_insurance', valueType: 'percent', unitAggregation: 'none', timeAggregation: 'none', decimals: 2, minValue: 0, maxValue: 100, higherIsBetter: true,
    formula: 'round(SI_PARTICIPANTS / LABOUR_FORCE * 100, 2)',
    description: 'Số người tham gia bảo hiểm xã hội so với lực lượng lao động; chỉ tính được ở cấp tỉnh.',
    demo: { reportedAt: 'province', base: 31.4, growthPerYear: 0.06, noise: 0.01 } },
  { code: 'HI_COVERAGE', name: 'Tỷ lệ dân số tham gia bảo hiểm y tế', nameEn: 'Health insurance coverage of the population', measureUnit: '%', sector: 'social_insurance', valueType: 'percent', unitAggregation: 'none', timeAggregation: 'none', decimals: 2, minValue: 0, maxValue: 100, higherIsBetter: true,
    formula: 'round(HI_PARTICIPANTS / POPULATION * 100, 2)',
    description: 'Số người tham gia bảo hiểm y tế so với dân số.',
    demo: { reportedAt: 'district', base: 90.6, growthPerYear: 0.003, noise: 0.01 } },

  // ---------------------------------------------------------------- Population and poverty
  { code: 'POPULATION', name: 'Dân số trung bình', nameEn: 'Average population', measureUnit: 'người', sector: 'population', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'last', decimals: 0, minValue: 0, higherIsBetter: true, legalBasis: TT37, dimensionCodes: ['SEX', 'AGE_GROUP', 'AREA'],
    description: 'Dân số bình quân của đơn vị hành chính trong năm.',
    demo: { reportedAt: 'district', base: 1010000, growthPerYear: 0.012, noise: 0.002 } },
  { code: 'BIRTHS', name: 'Số trẻ em sinh ra', nameEn: 'Live births', measureUnit: 'trẻ', sector: 'population', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: true, ownerAgencyCode: 'BP-SYT',
    description: 'Số trẻ em sinh ra sống trong kỳ theo báo cáo của cơ sở y tế.',
    demo: { reportedAt: 'district', base: 1150, growthPerYear: -0.01, noise: 0.08 } },
  { code: 'CRUDE_BIRTH_RATE', name: 'Tỷ suất sinh thô', nameEn: 'Crude birth rate', measureUnit: '‰', sector: 'population', valueType: 'number', unitAggregation: 'none', timeAggregation: 'none', decimals: 2, minValue: 0, higherIsBetter: true, legalBasis: TT37,
    formula: 'round(BIRTHS / POPULATION * 1000, 2)',
    description: 'Số trẻ sinh ra sống trên 1.000 dân; có ý nghĩa khi tính cho cả năm.',
    demo: { reportedAt: 'district', base: 13.7, growthPerYear: -0.02, noise: 0.05 } },
  { code: 'TOTAL_HOUSEHOLDS', name: 'Tổng số hộ dân cư', nameEn: 'Total households', measureUnit: 'hộ', sector: 'population', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'last', decimals: 0, minValue: 0, higherIsBetter: true, ownerAgencyCode: 'BP-SLDTBXH',
    description: 'Tổng số hộ dân cư trên địa bàn dùng làm mẫu số khi rà soát hộ nghèo.',
    demo: { reportedAt: 'district', base: 275000, growthPerYear: 0.015, noise: 0.003 } },
  { code: 'POOR_HOUSEHOLDS', name: 'Số hộ nghèo theo chuẩn nghèo đa chiều', nameEn: 'Poor households (multidimensional poverty standard)', measureUnit: 'hộ', sector: 'population', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'last', decimals: 0, minValue: 0, higherIsBetter: false, legalBasis: 'Nghị định 07/2021/NĐ-CP', ownerAgencyCode: 'BP-SLDTBXH',
    description: 'Số hộ nghèo theo kết quả rà soát hộ nghèo hằng năm theo chuẩn nghèo đa chiều.',
    demo: { reportedAt: 'district', base: 5800, growthPerYear: -0.2, noise: 0.05 } },
  { code: 'POVERTY_RATE', name: 'Tỷ lệ hộ nghèo', nameEn: 'Poverty rate (households)', measureUnit: '%', sector: 'population', valueType: 'percent', unitAggregation: 'none', timeAggregation: 'none', decimals: 2, minValue: 0, maxValue: 100, higherIsBetter: false, legalBasis: TT37, ownerAgencyCode: 'BP-SLDTBXH',
    formula: 'round(POOR_HOUSEHOLDS / TOTAL_HOUSEHOLDS * 100, 2)',
    description: 'Số hộ nghèo so với tổng số hộ dân cư.',
    demo: { reportedAt: 'district', base: 2.1, growthPerYear: -0.2, noise: 0.05 } },

  // ---------------------------------------------------------------- Traffic safety and public order
  { code: 'TRAFFIC_ACCIDENTS', name: 'Số vụ tai nạn giao thông', nameEn: 'Road traffic accidents', measureUnit: 'vụ', sector: 'traffic', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: false, legalBasis: TT37, ownerAgencyCode: 'BP-CA',
    description: 'Số vụ tai nạn giao thông đường bộ xảy ra trên địa bàn trong kỳ.',
    demo: { reportedAt: 'district', base: 16, growthPerYear: -0.04, seasonality: TET_TRAFFIC, noise: 0.25 } },
  { code: 'TRAFFIC_DEATHS', name: 'Số người chết do tai nạn giao thông', nameEn: 'Road traffic deaths', measureUnit: 'người', sector: 'traffic', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: false, legalBasis: TT37, ownerAgencyCode: 'BP-CA',
    description: 'Số người chết trong các vụ tai nạn giao thông đường bộ trong kỳ.',
    demo: { reportedAt: 'district', base: 12, growthPerYear: -0.05, seasonality: TET_TRAFFIC, noise: 0.25 } },
  { code: 'TRAFFIC_INJURIES', name: 'Số người bị thương do tai nạn giao thông', nameEn: 'Road traffic injuries', measureUnit: 'người', sector: 'traffic', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: false, legalBasis: TT37, ownerAgencyCode: 'BP-CA',
    description: 'Số người bị thương trong các vụ tai nạn giao thông đường bộ trong kỳ.',
    demo: { reportedAt: 'district', base: 10, growthPerYear: -0.04, seasonality: TET_TRAFFIC, noise: 0.3 } },
  { code: 'TRAFFIC_DEATHS_CHANGE_YOY', name: 'Số người chết do tai nạn giao thông tăng (giảm) so với cùng kỳ', nameEn: 'Change in road traffic deaths, year on year', measureUnit: 'người', sector: 'traffic', valueType: 'number', unitAggregation: 'none', timeAggregation: 'none', decimals: 0, higherIsBetter: false, ownerAgencyCode: 'BP-CA',
    formula: 'TRAFFIC_DEATHS - lastYear(TRAFFIC_DEATHS)',
    description: 'Chênh lệch số người chết do tai nạn giao thông so với cùng kỳ năm trước (âm là giảm).',
    demo: { reportedAt: 'district', base: -1, growthPerYear: 0, noise: 1 } },
  { code: 'CRIMINAL_CASES', name: 'Số vụ phạm pháp hình sự', nameEn: 'Criminal offences recorded', measureUnit: 'vụ', sector: 'public_order', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: false, ownerAgencyCode: 'BP-CA',
    description: 'Số vụ phạm pháp hình sự xảy ra và được phát hiện trên địa bàn trong kỳ.',
    demo: { reportedAt: 'district', base: 55, growthPerYear: -0.02, noise: 0.15 } },
  { code: 'FIRES', name: 'Số vụ cháy', nameEn: 'Fires', measureUnit: 'vụ', sector: 'public_order', valueType: 'integer', unitAggregation: 'sum', timeAggregation: 'sum', decimals: 0, minValue: 0, higherIsBetter: false, legalBasis: TT37, ownerAgencyCode: 'BP-CA',
    description: 'Số vụ cháy (nhà ở, cơ sở sản xuất kinh doanh, rừng, vườn cây) xảy ra trên địa bàn trong kỳ.',
    demo: { reportedAt: 'district', base: 6, growthPerYear: 0, seasonality: FIRE, noise: 0.35 } },
];

// Form codes and names below are ILLUSTRATIVE (style of provincial reporting regimes), not real form numbers.
export const demoForms: DemoForm[] = [
  { code: '01/KTXH-TH', name: 'Báo cáo tình hình kinh tế - xã hội tháng', nameEn: 'Monthly socio-economic report', periodType: 'monthly', cutoffDay: 15, deadlineDays: 5, reportedBy: 'province',
    sections: [
      { name: 'Công nghiệp, thương mại, giá cả', rows: [
        { rowCode: '01', indicatorCode: 'IIP' },
        { rowCode: '02', indicatorCode: 'RETAIL_SALES' },
        { rowCode: '03', indicatorCode: 'CPI' },
        { rowCode: '04', indicatorCode: 'EXPORT_TURNOVER' },
        { rowCode: '05', indicatorCode: 'IMPORT_TURNOVER' },
      ] },
      { name: 'Du lịch', rows: [
        { rowCode: '06', indicatorCode: 'TOURIST_ARRIVALS' },
        { rowCode: '07', indicatorCode: 'TOURIST_ARRIVALS_INTERNATIONAL' },
        { rowCode: '08', indicatorCode: 'TOURISM_REVENUE' },
      ] },
      { name: 'Phát triển doanh nghiệp', rows: [
        { rowCode: '09', indicatorCode: 'NEW_ENTERPRISES' },
        { rowCode: '10', indicatorCode: 'NEW_ENTERPRISE_CAPITAL' },
        { rowCode: '11', indicatorCode: 'ENTERPRISES_SUSPENDED' },
        { rowCode: '12', indicatorCode: 'ENTERPRISES_DISSOLVED' },
      ] },
      { name: 'Nông, lâm nghiệp', rows: [
        { rowCode: '13', indicatorCode: 'CASHEW_OUTPUT' },
        { rowCode: '14', indicatorCode: 'RUBBER_OUTPUT' },
        { rowCode: '15', indicatorCode: 'RICE_OUTPUT' },
        { rowCode: '16', indicatorCode: 'PLANTED_FOREST_AREA' },
      ] },
    ] },
  { code: '02/TC-NS', name: 'Báo cáo tình hình thu, chi ngân sách và giải ngân vốn đầu tư công tháng', nameEn: 'Monthly budget revenue, expenditure and public investment disbursement report', periodType: 'monthly', cutoffDay: 1, deadlineDays: 10, reportedBy: 'province', reportingAgencies: { 70: 'BP-STC', 75: 'DN-STC' },
    sections: [
      { name: 'Thu ngân sách nhà nước', rows: [
        { rowCode: '01', indicatorCode: 'BUDGET_REVENUE_TOTAL' },
        { rowCode: '01.1', indicatorCode: 'BUDGET_REVENUE_DOMESTIC' },
        { rowCode: '01.2', indicatorCode: 'BUDGET_REVENUE_IMPORT_EXPORT' },
      ] },
      { name: 'Chi ngân sách địa phương', rows: [
        { rowCode: '02', indicatorCode: 'BUDGET_SPENDING_TOTAL' },
      ] },
      { name: 'Vốn đầu tư công', rows: [
        { rowCode: '03', indicatorCode: 'PUBLIC_INVEST_PLAN' },
        { rowCode: '04', indicatorCode: 'PUBLIC_INVEST_DISBURSED' },
      ] },
    ] },
  { code: '03/KHĐT-Q', name: 'Báo cáo quý về tăng trưởng, đầu tư và lao động', nameEn: 'Quarterly growth, investment and labour report', periodType: 'quarterly', cutoffDay: 15, deadlineDays: 10, reportedBy: 'province',
    sections: [
      { name: 'Tăng trưởng kinh tế', rows: [
        { rowCode: '01', indicatorCode: 'GRDP_CURRENT' },
        { rowCode: '02', indicatorCode: 'GRDP_GROWTH' },
      ] },
      { name: 'Đầu tư', rows: [
        { rowCode: '03', indicatorCode: 'SOCIAL_INVEST_CAPITAL' },
        { rowCode: '04', indicatorCode: 'FDI_NEW_PROJECTS' },
        { rowCode: '05', indicatorCode: 'FDI_REGISTERED_CAPITAL' },
        { rowCode: '06', indicatorCode: 'DOMESTIC_INVEST_PROJECTS' },
        { rowCode: '07', indicatorCode: 'DOMESTIC_INVEST_CAPITAL' },
      ] },
      { name: 'Lao động', rows: [
        { rowCode: '08', indicatorCode: 'LABOUR_FORCE' },
        { rowCode: '09', indicatorCode: 'UNEMPLOYMENT_RATE' },
      ] },
    ] },
  { code: '04/CA-ANTT', name: 'Báo cáo tình hình trật tự an toàn giao thông, an ninh trật tự tháng', nameEn: 'Monthly traffic safety and public order report', periodType: 'monthly', cutoffDay: 15, deadlineDays: 2, reportedBy: 'district',
    sections: [
      { name: 'Trật tự an toàn giao thông', rows: [
        { rowCode: '01', indicatorCode: 'TRAFFIC_ACCIDENTS' },
        { rowCode: '02', indicatorCode: 'TRAFFIC_DEATHS' },
        { rowCode: '03', indicatorCode: 'TRAFFIC_INJURIES' },
      ] },
      { name: 'An ninh trật tự, phòng cháy chữa cháy', rows: [
        { rowCode: '04', indicatorCode: 'CRIMINAL_CASES' },
        { rowCode: '05', indicatorCode: 'FIRES' },
      ] },
    ] },
  { code: '05/YT-T', name: 'Báo cáo hoạt động y tế tháng', nameEn: 'Monthly health activity report', periodType: 'monthly', cutoffDay: 15, deadlineDays: 5, reportedBy: 'district',
    sections: [
      { name: 'Nguồn lực y tế', rows: [
        { rowCode: '01', indicatorCode: 'HOSPITAL_BEDS' },
        { rowCode: '02', indicatorCode: 'DOCTORS' },
      ] },
      { name: 'Y tế dự phòng, dân số', rows: [
        { rowCode: '03', indicatorCode: 'CHILD_VACCINATION_COVERAGE' },
        { rowCode: '04', indicatorCode: 'DENGUE_CASES' },
        { rowCode: '05', indicatorCode: 'BIRTHS' },
      ] },
    ] },
  // A school year is reported once, as the yearly period of the calendar year in which it starts.
  { code: '06/GDĐT-NH', name: 'Báo cáo thống kê giáo dục đầu năm học', nameEn: 'Start-of-school-year education statistics report', periodType: 'yearly', cutoffDay: 1, deadlineDays: 30, reportedBy: 'district',
    sections: [
      { name: 'Học sinh, giáo viên', rows: [
        { rowCode: '01', indicatorCode: 'STUDENTS_TOTAL' },
        { rowCode: '02', indicatorCode: 'TEACHERS' },
      ] },
      { name: 'Phổ cập giáo dục', rows: [
        { rowCode: '03', indicatorCode: 'ENROLMENT_PRIMARY' },
        { rowCode: '04', indicatorCode: 'ENROLMENT_LOWER_SECONDARY' },
      ] },
    ] },
  { code: '07/LĐTBXH-T', name: 'Báo cáo lao động, việc làm và bảo hiểm tháng', nameEn: 'Monthly labour, employment and insurance report', periodType: 'monthly', cutoffDay: 15, deadlineDays: 5, reportedBy: 'district',
    sections: [
      { name: 'Việc làm', rows: [
        { rowCode: '01', indicatorCode: 'JOBS_CREATED' },
      ] },
      { name: 'Bảo hiểm xã hội, bảo hiểm y tế', rows: [
        { rowCode: '02', indicatorCode: 'SI_PARTICIPANTS' },
        { rowCode: '03', indicatorCode: 'HI_PARTICIPANTS' },
      ] },
    ] },
  { code: '08/DS-HN', name: 'Báo cáo năm về dân số, hộ nghèo và diện tích rừng', nameEn: 'Yearly population, poverty and forest area report', periodType: 'yearly', cutoffDay: 15, deadlineDays: 20, reportedBy: 'district',
    sections: [
      { name: 'Dân số, hộ gia đình', rows: [
        { rowCode: '01', indicatorCode: 'POPULATION' },
        { rowCode: '02', indicatorCode: 'TOTAL_HOUSEHOLDS' },
        { rowCode: '03', indicatorCode: 'POOR_HOUSEHOLDS' },
      ] },
      { name: 'Đất đai, rừng', rows: [
        { rowCode: '04', indicatorCode: 'NATURAL_AREA' },
        { rowCode: '05', indicatorCode: 'FOREST_AREA' },
      ] },
    ] },
];

// Thresholds are illustrative.
export const demoValidationRules: DemoValidationRule[] = [
  { code: 'VR_POOR_LE_HOUSEHOLDS', name: 'Số hộ nghèo không vượt quá tổng số hộ', nameEn: 'Poor households cannot exceed total households', kind: 'comparison', severity: 'blocking',
    params: { left: 'POOR_HOUSEHOLDS', op: '<=', right: 'TOTAL_HOUSEHOLDS' } },
  { code: 'VR_FOREST_LE_NATURAL_AREA', name: 'Diện tích có rừng không vượt quá diện tích tự nhiên', nameEn: 'Forested area cannot exceed natural area', kind: 'comparison', severity: 'blocking',
    params: { left: 'FOREST_AREA', op: '<=', right: 'NATURAL_AREA' } },
  { code: 'VR_INTL_LE_TOTAL_TOURISTS', name: 'Khách quốc tế không vượt quá tổng lượt khách', nameEn: 'International arrivals cannot exceed total arrivals', kind: 'comparison', severity: 'blocking',
    params: { left: 'TOURIST_ARRIVALS_INTERNATIONAL', op: '<=', right: 'TOURIST_ARRIVALS' } },
  { code: 'VR_DISBURSED_LE_PLAN', name: 'Giải ngân trong kỳ không vượt kế hoạch vốn năm', nameEn: 'Disbursement in a period cannot exceed the annual plan', kind: 'comparison', severity: 'blocking',
    params: { left: 'PUBLIC_INVEST_DISBURSED', op: '<=', right: 'PUBLIC_INVEST_PLAN' } },
  { code: 'VR_BUDGET_REVENUE_PARTS', name: 'Thu nội địa cộng thu xuất nhập khẩu không vượt tổng thu', nameEn: 'Domestic plus import-export revenue should not exceed total revenue', kind: 'comparison', severity: 'warning',
    params: { left: 'BUDGET_REVENUE_DOMESTIC + BUDGET_REVENUE_IMPORT_EXPORT', op: '<=', right: 'BUDGET_REVENUE_TOTAL' } },
  { code: 'VR_TRAFFIC_DEATHS_PER_ACCIDENT', name: 'Số người chết bất thường so với số vụ tai nạn giao thông', nameEn: 'Unusually many traffic deaths per accident', kind: 'comparison', severity: 'warning',
    params: { left: 'TRAFFIC_DEATHS', op: '<=', right: 'TRAFFIC_ACCIDENTS * 3' } },
  { code: 'VR_TRAFFIC_INJURIES_PER_ACCIDENT', name: 'Số người bị thương bất thường so với số vụ tai nạn giao thông', nameEn: 'Unusually many traffic injuries per accident', kind: 'comparison', severity: 'warning',
    params: { left: 'TRAFFIC_INJURIES', op: '<=', right: 'TRAFFIC_ACCIDENTS * 10' } },
  { code: 'VR_UNEMPLOYMENT_PLAUSIBLE', name: 'Tỷ lệ thất nghiệp trong khoảng hợp lý', nameEn: 'Unemployment rate within a plausible range', kind: 'range', severity: 'warning',
    params: { indicatorCode: 'UNEMPLOYMENT_RATE', min: 0, max: 15 } },
  { code: 'VR_CPI_PLAUSIBLE', name: 'Chỉ số giá tiêu dùng trong khoảng hợp lý', nameEn: 'CPI within a plausible range', kind: 'range', severity: 'warning',
    params: { indicatorCode: 'CPI', min: 90, max: 120 } },
  { code: 'VR_VACCINATION_RANGE', name: 'Tỷ lệ tiêm chủng từ 0 đến 100%', nameEn: 'Immunisation coverage between 0 and 100%', kind: 'range', severity: 'blocking',
    params: { indicatorCode: 'CHILD_VACCINATION_COVERAGE', min: 0, max: 100 } },
  { code: 'VR_BUDGET_REVENUE_JUMP', name: 'Tổng thu ngân sách biến động quá 50% so với kỳ trước', nameEn: 'Budget revenue changed by more than 50% on the previous period', kind: 'jump', severity: 'warning',
    params: { indicatorCode: 'BUDGET_REVENUE_TOTAL', maxChangePct: 50 } },
  { code: 'VR_HOSPITAL_BEDS_JUMP', name: 'Số giường bệnh biến động quá 20% so với kỳ trước', nameEn: 'Hospital beds changed by more than 20% on the previous period', kind: 'jump', severity: 'warning',
    params: { indicatorCode: 'HOSPITAL_BEDS', maxChangePct: 20 } },
];

// Province-level annual targets (style of the yearly Nghị quyết on the socio-economic development
// plan). SYNTHETIC. Flows are yearly totals, stocks the year-end level, rates the yearly rate.
export const demoTargets: DemoTarget[] = [
  { indicatorCode: 'GRDP_GROWTH', year: 2022, annual: 8 },
  { indicatorCode: 'GRDP_GROWTH', year: 2023, annual: 8 },
  { indicatorCode: 'GRDP_GROWTH', year: 2024, annual: 8 },
  { indicatorCode: 'GRDP_GROWTH', year: 2025, annual: 10 },
  { indicatorCode: 'GRDP_GROWTH', year: 2026, annual: 10 },
  { indicatorCode: 'GRDP_CURRENT', year: 2022, annual: 91500 },
  { indicatorCode: 'GRDP_CURRENT', year: 2023, annual: 99800 },
  { indicatorCode: 'GRDP_CURRENT', year: 2024, annual: 108800 },
  { indicatorCode: 'GRDP_CURRENT', year: 2025, annual: 118600 },
  { indicatorCode: 'GRDP_CURRENT', year: 2026, annual: 129300 },
  { indicatorCode: 'GRDP_PER_CAPITA', year: 2022, annual: 89.5 },
  { indicatorCode: 'GRDP_PER_CAPITA', year: 2023, annual: 96.5 },
  { indicatorCode: 'GRDP_PER_CAPITA', year: 2024, annual: 104 },
  { indicatorCode: 'GRDP_PER_CAPITA', year: 2025, annual: 112 },
  { indicatorCode: 'GRDP_PER_CAPITA', year: 2026, annual: 120.5 },
  { indicatorCode: 'BUDGET_REVENUE_TOTAL', year: 2022, annual: 13700 },
  { indicatorCode: 'BUDGET_REVENUE_TOTAL', year: 2023, annual: 14500 },
  { indicatorCode: 'BUDGET_REVENUE_TOTAL', year: 2024, annual: 15300 },
  { indicatorCode: 'BUDGET_REVENUE_TOTAL', year: 2025, annual: 16200 },
  { indicatorCode: 'BUDGET_REVENUE_TOTAL', year: 2026, annual: 17200 },
  { indicatorCode: 'BUDGET_REVENUE_DOMESTIC', year: 2022, annual: 12800 },
  { indicatorCode: 'BUDGET_REVENUE_DOMESTIC', year: 2023, annual: 13600 },
  { indicatorCode: 'BUDGET_REVENUE_DOMESTIC', year: 2024, annual: 14400 },
  { indicatorCode: 'BUDGET_REVENUE_DOMESTIC', year: 2025, annual: 15200 },
  { indicatorCode: 'BUDGET_REVENUE_DOMESTIC', year: 2026, annual: 16100 },
  { indicatorCode: 'EXPORT_TURNOVER', year: 2022, annual: 4400 },
  { indicatorCode: 'EXPORT_TURNOVER', year: 2023, annual: 4750 },
  { indicatorCode: 'EXPORT_TURNOVER', year: 2024, annual: 5100 },
  { indicatorCode: 'EXPORT_TURNOVER', year: 2025, annual: 5500 },
  { indicatorCode: 'EXPORT_TURNOVER', year: 2026, annual: 5950 },
  { indicatorCode: 'RETAIL_SALES', year: 2022, annual: 60500 },
  { indicatorCode: 'RETAIL_SALES', year: 2023, annual: 66500 },
  { indicatorCode: 'RETAIL_SALES', year: 2024, annual: 73000 },
  { indicatorCode: 'RETAIL_SALES', year: 2025, annual: 80000 },
  { indicatorCode: 'RETAIL_SALES', year: 2026, annual: 88000 },
  { indicatorCode: 'SOCIAL_INVEST_CAPITAL', year: 2022, annual: 33000 },
  { indicatorCode: 'SOCIAL_INVEST_CAPITAL', year: 2023, annual: 36500 },
  { indicatorCode: 'SOCIAL_INVEST_CAPITAL', year: 2024, annual: 40000 },
  { indicatorCode: 'SOCIAL_INVEST_CAPITAL', year: 2025, annual: 44000 },
  { indicatorCode: 'SOCIAL_INVEST_CAPITAL', year: 2026, annual: 48500 },
  { indicatorCode: 'PUBLIC_INVEST_DISBURSEMENT_RATE', year: 2022, annual: 95 },
  { indicatorCode: 'PUBLIC_INVEST_DISBURSEMENT_RATE', year: 2023, annual: 95 },
  { indicatorCode: 'PUBLIC_INVEST_DISBURSEMENT_RATE', year: 2024, annual: 95 },
  { indicatorCode: 'PUBLIC_INVEST_DISBURSEMENT_RATE', year: 2025, annual: 100 },
  { indicatorCode: 'PUBLIC_INVEST_DISBURSEMENT_RATE', year: 2026, annual: 100 },
  { indicatorCode: 'NEW_ENTERPRISES', year: 2022, annual: 1400 },
  { indicatorCode: 'NEW_ENTERPRISES', year: 2023, annual: 1500 },
  { indicatorCode: 'NEW_ENTERPRISES', year: 2024, annual: 1600 },
  { indicatorCode: 'NEW_ENTERPRISES', year: 2025, annual: 1700 },
  { indicatorCode: 'NEW_ENTERPRISES', year: 2026, annual: 1800 },
  { indicatorCode: 'FDI_REGISTERED_CAPITAL', year: 2022, annual: 500 },
  { indicatorCode: 'FDI_REGISTERED_CAPITAL', year: 2023, annual: 550 },
  { indicatorCode: 'FDI_REGISTERED_CAPITAL', year: 2024, annual: 600 },
  { indicatorCode: 'FDI_REGISTERED_CAPITAL', year: 2025, annual: 700 },
  { indicatorCode: 'FDI_REGISTERED_CAPITAL', year: 2026, annual: 800 },
  { indicatorCode: 'TOURIST_ARRIVALS', year: 2022, annual: 1100000 },
  { indicatorCode: 'TOURIST_ARRIVALS', year: 2023, annual: 1250000 },
  { indicatorCode: 'TOURIST_ARRIVALS', year: 2024, annual: 1400000 },
  { indicatorCode: 'TOURIST_ARRIVALS', year: 2025, annual: 1550000 },
  { indicatorCode: 'TOURIST_ARRIVALS', year: 2026, annual: 1700000 },
  { indicatorCode: 'POVERTY_RATE', year: 2022, annual: 1.7 },
  { indicatorCode: 'POVERTY_RATE', year: 2023, annual: 1.4 },
  { indicatorCode: 'POVERTY_RATE', year: 2024, annual: 1.1 },
  { indicatorCode: 'POVERTY_RATE', year: 2025, annual: 0.9 },
  { indicatorCode: 'POVERTY_RATE', year: 2026, annual: 0.7 },
  { indicatorCode: 'UNEMPLOYMENT_RATE', year: 2022, annual: 2.3 },
  { indicatorCode: 'UNEMPLOYMENT_RATE', year: 2023, annual: 2.25 },
  { indicatorCode: 'UNEMPLOYMENT_RATE', year: 2024, annual: 2.2 },
  { indicatorCode: 'UNEMPLOYMENT_RATE', year: 2025, annual: 2.1 },
  { indicatorCode: 'UNEMPLOYMENT_RATE', year: 2026, annual: 2 },
  { indicatorCode: 'JOBS_CREATED', year: 2022, annual: 31500 },
  { indicatorCode: 'JOBS_CREATED', year: 2023, annual: 32500 },
  { indicatorCode: 'JOBS_CREATED', year: 2024, annual: 33500 },
  { indicatorCode: 'JOBS_CREATED', year: 2025, annual: 34500 },
  { indicatorCode: 'JOBS_CREATED', year: 2026, annual: 35500 },
  { indicatorCode: 'HI_COVERAGE', year: 2022, annual: 91.5 },
  { indicatorCode: 'HI_COVERAGE', year: 2023, annual: 92.5 },
  { indicatorCode: 'HI_COVERAGE', year: 2024, annual: 93.5 },
  { indicatorCode: 'HI_COVERAGE', year: 2025, annual: 95 },
  { indicatorCode: 'HI_COVERAGE', year: 2026, annual: 95.5 },
  { indicatorCode: 'SI_COVERAGE', year: 2022, annual: 33 },
  { indicatorCode: 'SI_COVERAGE', year: 2023, annual: 36 },
  { indicatorCode: 'SI_COVERAGE', year: 2024, annual: 39 },
  { indicatorCode: 'SI_COVERAGE', year: 2025, annual: 42 },
  { indicatorCode: 'SI_COVERAGE', year: 2026, annual: 45 },
  { indicatorCode: 'FOREST_COVER', year: 2022, annual: 16.6 },
  { indicatorCode: 'FOREST_COVER', year: 2023, annual: 16.7 },
  { indicatorCode: 'FOREST_COVER', year: 2024, annual: 16.8 },
  { indicatorCode: 'FOREST_COVER', year: 2025, annual: 16.9 },
  { indicatorCode: 'FOREST_COVER', year: 2026, annual: 17 },
  { indicatorCode: 'BEDS_PER_10K', year: 2022, annual: 30 },
  { indicatorCode: 'BEDS_PER_10K', year: 2023, annual: 31 },
  { indicatorCode: 'BEDS_PER_10K', year: 2024, annual: 32 },
  { indicatorCode: 'BEDS_PER_10K', year: 2025, annual: 33 },
  { indicatorCode: 'BEDS_PER_10K', year: 2026, annual: 34 },
  { indicatorCode: 'DOCTORS_PER_10K', year: 2022, annual: 10 },
  { indicatorCode: 'DOCTORS_PER_10K', year: 2023, annual: 10.5 },
  { indicatorCode: 'DOCTORS_PER_10K', year: 2024, annual: 11 },
  { indicatorCode: 'DOCTORS_PER_10K', year: 2025, annual: 11.5 },
  { indicatorCode: 'DOCTORS_PER_10K', year: 2026, annual: 12 },
  { indicatorCode: 'CHILD_VACCINATION_COVERAGE', year: 2022, annual: 95 },
  { indicatorCode: 'CHILD_VACCINATION_COVERAGE', year: 2023, annual: 95 },
  { indicatorCode: 'CHILD_VACCINATION_COVERAGE', year: 2024, annual: 95 },
  { indicatorCode: 'CHILD_VACCINATION_COVERAGE', year: 2025, annual: 95 },
  { indicatorCode: 'CHILD_VACCINATION_COVERAGE', year: 2026, annual: 95 },
  { indicatorCode: 'TRAFFIC_DEATHS', year: 2022, annual: 137 },
  { indicatorCode: 'TRAFFIC_DEATHS', year: 2023, annual: 130 },
  { indicatorCode: 'TRAFFIC_DEATHS', year: 2024, annual: 124 },
  { indicatorCode: 'TRAFFIC_DEATHS', year: 2025, annual: 118 },
  { indicatorCode: 'TRAFFIC_DEATHS', year: 2026, annual: 112 },
];
