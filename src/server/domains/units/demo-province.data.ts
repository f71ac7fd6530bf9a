/**
 * Demo province data: former Bình Phước province (GSO code 70) and its absorption into the
 * merged Đồng Nai province (code 75) on 2025-07-01, when the district level was abolished.
 *
 * What is real and what is not (keep in sync with the project docs):
 * - REAL: unit names; GSO codes of the province (70, 75), the 11 district-level units (688–698)
 *   and the 111 pre-2025 communes/wards/townships (5-digit codes, as in the GSO list as of 2024);
 *   the 2025 commune-level arrangement (which old units formed which new unit) per Nghị quyết
 *   1662/NQ-UBTVQH15 (16 June 2025) on Đồng Nai's commune-level units — 40 new units cover the
 *   former Bình Phước territory, of which Xã Bù Gia Mập and Xã Đăk Ơ were not rearranged;
 *   Thị xã Chơn Thành established from Huyện Chơn Thành by Nghị quyết 570/NQ-UBTVQH15, in force
 *   2022-10-01; province merger per Nghị quyết 202/2025/QH15.
 * - APPROXIMATE: seats (hand-placed within the right district; a 2025 unit's seat is the mean of
 *   its constituents' seats); provinceOutlines (hand-drawn simplified rings).
 * - ESTIMATES: district → new unit succession shares (by number of communes); agency dates around
 *   the 2025-03-01 department mergers.
 * - PLACEHOLDER: validFrom '2000-01-01' means "existed before the demo window", not the real
 *   establishment date (e.g. Huyện Phú Riềng dates from 2015, Thành phố Đồng Xoài from 2018).
 * - NOT CONFIRMED: GSO codes of the 2025 units, so they carry local keys 'DN-new-…' and
 *   officialCode null.
 */

export type UnitType =
  | 'province'
  | 'city' /* thành phố thuộc tỉnh */
  | 'district' /* huyện */
  | 'town' /* thị xã */
  | 'urban_district' /* quận */
  | 'commune' /* xã */
  | 'ward' /* phường */
  | 'township' /* thị trấn */
  | 'special_zone'; /* đặc khu */

export interface DemoUnit {
  /** Unique key in our system: the GSO code where confident, otherwise a local key. */
  code: string;
  /** GSO code when known and confident, else null. */
  officialCode: string | null;
  /** Official Vietnamese name including its type word. */
  name: string;
  type: UnitType;
  parentCode: string | null;
  /** ISO date, inclusive. */
  validFrom: string;
  /** ISO date of the first day the unit no longer exists (exclusive end). */
  validTo: string | null;
  /** Approximate seat/centre [lon, lat] (WGS84). */
  seat: [number, number];
}

/** share 1 for a whole merge; for splits, the shares of one fromCode sum to 1. */
export interface DemoSuccession {
  fromCode: string;
  toCode: string;
  share: number;
  validOn: string;
}

export interface DemoAgency {
  code: string;
  name: string;
  nameEn: string;
  kind: 'department' | 'people_committee' | 'police' | 'hospital' | 'school' | 'utility' | 'other';
  unitCode: string;
  validFrom: string;
  validTo: string | null;
}

export const DEMO_PROVINCE_NOTE: string =
  'Dữ liệu minh họa: tên đơn vị hành chính là tên thật, vị trí trụ sở là gần đúng, ranh giới và số liệu là giả lập. / Demo data: real administrative unit names, approximate seats, synthetic boundaries and numbers.';

export const demoUnits: DemoUnit[] = [
  // ---- Provinces
  { code: '70', officialCode: '70', name: 'Tỉnh Bình Phước', type: 'province', parentCode: null, validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.890, 11.535] }, // seat: Đồng Xoài
  { code: 'DN-old-75', officialCode: '75', name: 'Tỉnh Đồng Nai', type: 'province', parentCode: null, validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.820, 10.950] }, // pre-2025 Đồng Nai; seat: Biên Hòa. Its districts/communes are not modelled
  { code: '75', officialCode: '75', name: 'Tỉnh Đồng Nai', type: 'province', parentCode: null, validFrom: '2025-07-01', validTo: null, seat: [106.820, 10.950] }, // merged Đồng Nai (old Đồng Nai + Bình Phước); seat: Biên Hòa

  // ---- Bình Phước district level (abolished 2025-07-01)
  { code: '688', officialCode: '688', name: 'Thị xã Phước Long', type: 'town', parentCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.995, 11.838] },
  { code: '689', officialCode: '689', name: 'Thành phố Đồng Xoài', type: 'city', parentCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.890, 11.535] },
  { code: '690', officialCode: '690', name: 'Thị xã Bình Long', type: 'town', parentCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.606, 11.655] },
  { code: '691', officialCode: '691', name: 'Huyện Bù Gia Mập', type: 'district', parentCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.010, 11.942] },
  { code: '692', officialCode: '692', name: 'Huyện Lộc Ninh', type: 'district', parentCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.587, 11.843] },
  { code: '693', officialCode: '693', name: 'Huyện Bù Đốp', type: 'district', parentCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.802, 11.985] },
  { code: '694', officialCode: '694', name: 'Huyện Hớn Quản', type: 'district', parentCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.615, 11.575] },
  { code: '695', officialCode: '695', name: 'Huyện Đồng Phú', type: 'district', parentCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.955, 11.488] },
  { code: '696', officialCode: '696', name: 'Huyện Bù Đăng', type: 'district', parentCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.243, 11.807] },
  { code: 'BP-697-huyen', officialCode: '697', name: 'Huyện Chơn Thành', type: 'district', parentCode: '70', validFrom: '2000-01-01', validTo: '2022-10-01', seat: [106.656, 11.430] }, // became Thị xã Chơn Thành on 2022-10-01 (same GSO code 697)
  { code: '697', officialCode: '697', name: 'Thị xã Chơn Thành', type: 'town', parentCode: '70', validFrom: '2022-10-01', validTo: '2025-07-01', seat: [106.656, 11.430] }, // NQ 570/NQ-UBTVQH15, in force 2022-10-01
  { code: '698', officialCode: '698', name: 'Huyện Phú Riềng', type: 'district', parentCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.925, 11.710] },

  // ---- Thị xã Phước Long (688)
  { code: '25216', officialCode: '25216', name: 'Phường Thác Mơ', type: 'ward', parentCode: '688', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.010, 11.857] },
  { code: '25217', officialCode: '25217', name: 'Phường Long Thủy', type: 'ward', parentCode: '688', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.995, 11.836] },
  { code: '25219', officialCode: '25219', name: 'Phường Phước Bình', type: 'ward', parentCode: '688', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.965, 11.815] },
  { code: '25220', officialCode: '25220', name: 'Phường Long Phước', type: 'ward', parentCode: '688', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.975, 11.830] },
  { code: '25237', officialCode: '25237', name: 'Phường Sơn Giang', type: 'ward', parentCode: '688', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.025, 11.825] },
  { code: '25245', officialCode: '25245', name: 'Xã Long Giang', type: 'commune', parentCode: '688', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.950, 11.790] },
  { code: '25249', officialCode: '25249', name: 'Xã Phước Tín', type: 'commune', parentCode: '688', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.045, 11.800] },

  // ---- Thành phố Đồng Xoài (689)
  { code: '25195', officialCode: '25195', name: 'Phường Tân Phú', type: 'ward', parentCode: '689', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.892, 11.535] },
  { code: '25198', officialCode: '25198', name: 'Phường Tân Đồng', type: 'ward', parentCode: '689', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.905, 11.547] },
  { code: '25201', officialCode: '25201', name: 'Phường Tân Bình', type: 'ward', parentCode: '689', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.884, 11.527] },
  { code: '25204', officialCode: '25204', name: 'Phường Tân Xuân', type: 'ward', parentCode: '689', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.895, 11.557] },
  { code: '25205', officialCode: '25205', name: 'Phường Tân Thiện', type: 'ward', parentCode: '689', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.910, 11.525] },
  { code: '25207', officialCode: '25207', name: 'Xã Tân Thành', type: 'commune', parentCode: '689', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.845, 11.520] },
  { code: '25210', officialCode: '25210', name: 'Phường Tiến Thành', type: 'ward', parentCode: '689', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.872, 11.500] },
  { code: '25213', officialCode: '25213', name: 'Xã Tiến Hưng', type: 'commune', parentCode: '689', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.850, 11.560] },

  // ---- Thị xã Bình Long (690)
  { code: '25320', officialCode: '25320', name: 'Phường Hưng Chiến', type: 'ward', parentCode: '690', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.620, 11.665] },
  { code: '25324', officialCode: '25324', name: 'Phường An Lộc', type: 'ward', parentCode: '690', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.607, 11.656] },
  { code: '25325', officialCode: '25325', name: 'Phường Phú Thịnh', type: 'ward', parentCode: '690', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.590, 11.668] },
  { code: '25326', officialCode: '25326', name: 'Phường Phú Đức', type: 'ward', parentCode: '690', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.598, 11.644] },
  { code: '25333', officialCode: '25333', name: 'Xã Thanh Lương', type: 'commune', parentCode: '690', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.570, 11.690] },
  { code: '25336', officialCode: '25336', name: 'Xã Thanh Phú', type: 'commune', parentCode: '690', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.630, 11.700] },

  // ---- Huyện Bù Gia Mập (691)
  { code: '25222', officialCode: '25222', name: 'Xã Bù Gia Mập', type: 'commune', parentCode: '691', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.200, 12.120] },
  { code: '25225', officialCode: '25225', name: 'Xã Đak Ơ', type: 'commune', parentCode: '691', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.070, 12.050] },
  { code: '25228', officialCode: '25228', name: 'Xã Đức Hạnh', type: 'commune', parentCode: '691', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.070, 11.930] },
  { code: '25229', officialCode: '25229', name: 'Xã Phú Văn', type: 'commune', parentCode: '691', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.040, 11.980] },
  { code: '25231', officialCode: '25231', name: 'Xã Đa Kia', type: 'commune', parentCode: '691', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.930, 11.930] },
  { code: '25232', officialCode: '25232', name: 'Xã Phước Minh', type: 'commune', parentCode: '691', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.900, 11.970] },
  { code: '25234', officialCode: '25234', name: 'Xã Bình Thắng', type: 'commune', parentCode: '691', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.960, 12.010] },
  { code: '25267', officialCode: '25267', name: 'Xã Phú Nghĩa', type: 'commune', parentCode: '691', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.010, 11.942] },

  // ---- Huyện Lộc Ninh (692)
  { code: '25270', officialCode: '25270', name: 'Thị trấn Lộc Ninh', type: 'township', parentCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.587, 11.843] },
  { code: '25273', officialCode: '25273', name: 'Xã Lộc Hòa', type: 'commune', parentCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.530, 11.990] },
  { code: '25276', officialCode: '25276', name: 'Xã Lộc An', type: 'commune', parentCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.690, 11.950] },
  { code: '25279', officialCode: '25279', name: 'Xã Lộc Tấn', type: 'commune', parentCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.600, 11.960] },
  { code: '25280', officialCode: '25280', name: 'Xã Lộc Thạnh', type: 'commune', parentCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.470, 11.960] },
  { code: '25282', officialCode: '25282', name: 'Xã Lộc Hiệp', type: 'commune', parentCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.670, 11.770] },
  { code: '25285', officialCode: '25285', name: 'Xã Lộc Thiện', type: 'commune', parentCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.540, 11.930] },
  { code: '25288', officialCode: '25288', name: 'Xã Lộc Thuận', type: 'commune', parentCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.630, 11.850] },
  { code: '25291', officialCode: '25291', name: 'Xã Lộc Quang', type: 'commune', parentCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.710, 11.860] },
  { code: '25292', officialCode: '25292', name: 'Xã Lộc Phú', type: 'commune', parentCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.720, 11.800] },
  { code: '25294', officialCode: '25294', name: 'Xã Lộc Thành', type: 'commune', parentCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.460, 11.860] },
  { code: '25297', officialCode: '25297', name: 'Xã Lộc Thái', type: 'commune', parentCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.610, 11.810] },
  { code: '25300', officialCode: '25300', name: 'Xã Lộc Điền', type: 'commune', parentCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.620, 11.750] },
  { code: '25303', officialCode: '25303', name: 'Xã Lộc Hưng', type: 'commune', parentCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.580, 11.720] },
  { code: '25305', officialCode: '25305', name: 'Xã Lộc Thịnh', type: 'commune', parentCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.470, 11.790] },
  { code: '25306', officialCode: '25306', name: 'Xã Lộc Khánh', type: 'commune', parentCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.540, 11.740] },

  // ---- Huyện Bù Đốp (693)
  { code: '25308', officialCode: '25308', name: 'Thị trấn Thanh Bình', type: 'township', parentCode: '693', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.802, 11.985] },
  { code: '25309', officialCode: '25309', name: 'Xã Hưng Phước', type: 'commune', parentCode: '693', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.870, 12.080] },
  { code: '25310', officialCode: '25310', name: 'Xã Phước Thiện', type: 'commune', parentCode: '693', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.900, 12.040] },
  { code: '25312', officialCode: '25312', name: 'Xã Thiện Hưng', type: 'commune', parentCode: '693', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.830, 12.020] },
  { code: '25315', officialCode: '25315', name: 'Xã Thanh Hòa', type: 'commune', parentCode: '693', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.770, 12.020] },
  { code: '25318', officialCode: '25318', name: 'Xã Tân Thành', type: 'commune', parentCode: '693', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.760, 11.910] },
  { code: '25321', officialCode: '25321', name: 'Xã Tân Tiến', type: 'commune', parentCode: '693', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.740, 11.940] },

  // ---- Huyện Hớn Quản (694)
  { code: '25327', officialCode: '25327', name: 'Xã Thanh An', type: 'commune', parentCode: '694', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.520, 11.680] },
  { code: '25330', officialCode: '25330', name: 'Xã An Khương', type: 'commune', parentCode: '694', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.470, 11.630] },
  { code: '25339', officialCode: '25339', name: 'Xã An Phú', type: 'commune', parentCode: '694', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.700, 11.700] },
  { code: '25342', officialCode: '25342', name: 'Xã Tân Lợi', type: 'commune', parentCode: '694', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.560, 11.550] },
  { code: '25345', officialCode: '25345', name: 'Xã Tân Hưng', type: 'commune', parentCode: '694', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.550, 11.610] },
  { code: '25348', officialCode: '25348', name: 'Xã Minh Đức', type: 'commune', parentCode: '694', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.720, 11.630] },
  { code: '25349', officialCode: '25349', name: 'Xã Minh Tâm', type: 'commune', parentCode: '694', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.760, 11.680] },
  { code: '25351', officialCode: '25351', name: 'Xã Phước An', type: 'commune', parentCode: '694', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.600, 11.530] },
  { code: '25354', officialCode: '25354', name: 'Xã Thanh Bình', type: 'commune', parentCode: '694', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.640, 11.640] },
  { code: '25357', officialCode: '25357', name: 'Thị trấn Tân Khai', type: 'township', parentCode: '694', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.615, 11.575] },
  { code: '25360', officialCode: '25360', name: 'Xã Đồng Nơ', type: 'commune', parentCode: '694', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.690, 11.570] },
  { code: '25361', officialCode: '25361', name: 'Xã Tân Hiệp', type: 'commune', parentCode: '694', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.650, 11.590] },
  { code: '25438', officialCode: '25438', name: 'Xã Tân Quan', type: 'commune', parentCode: '694', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.680, 11.520] },

  // ---- Huyện Đồng Phú (695)
  { code: '25363', officialCode: '25363', name: 'Thị trấn Tân Phú', type: 'township', parentCode: '695', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.955, 11.488] },
  { code: '25366', officialCode: '25366', name: 'Xã Thuận Lợi', type: 'commune', parentCode: '695', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.930, 11.620] },
  { code: '25369', officialCode: '25369', name: 'Xã Đồng Tâm', type: 'commune', parentCode: '695', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.060, 11.550] },
  { code: '25372', officialCode: '25372', name: 'Xã Tân Phước', type: 'commune', parentCode: '695', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.010, 11.530] },
  { code: '25375', officialCode: '25375', name: 'Xã Tân Hưng', type: 'commune', parentCode: '695', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.920, 11.440] },
  { code: '25378', officialCode: '25378', name: 'Xã Tân Lợi', type: 'commune', parentCode: '695', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.950, 11.400] },
  { code: '25381', officialCode: '25381', name: 'Xã Tân Lập', type: 'commune', parentCode: '695', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.990, 11.450] },
  { code: '25384', officialCode: '25384', name: 'Xã Tân Hòa', type: 'commune', parentCode: '695', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.980, 11.360] },
  { code: '25387', officialCode: '25387', name: 'Xã Thuận Phú', type: 'commune', parentCode: '695', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.970, 11.600] },
  { code: '25390', officialCode: '25390', name: 'Xã Đồng Tiến', type: 'commune', parentCode: '695', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.020, 11.600] },
  { code: '25393', officialCode: '25393', name: 'Xã Tân Tiến', type: 'commune', parentCode: '695', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.030, 11.460] },

  // ---- Huyện Bù Đăng (696)
  { code: '25396', officialCode: '25396', name: 'Thị trấn Đức Phong', type: 'township', parentCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.243, 11.807] },
  { code: '25398', officialCode: '25398', name: 'Xã Đường 10', type: 'commune', parentCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.170, 12.030] },
  { code: '25399', officialCode: '25399', name: 'Xã Đak Nhau', type: 'commune', parentCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.230, 11.990] },
  { code: '25400', officialCode: '25400', name: 'Xã Phú Sơn', type: 'commune', parentCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.200, 11.700] },
  { code: '25402', officialCode: '25402', name: 'Xã Thọ Sơn', type: 'commune', parentCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.270, 11.700] },
  { code: '25404', officialCode: '25404', name: 'Xã Bình Minh', type: 'commune', parentCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.170, 11.900] },
  { code: '25405', officialCode: '25405', name: 'Xã Bom Bo', type: 'commune', parentCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.220, 11.900] },
  { code: '25408', officialCode: '25408', name: 'Xã Minh Hưng', type: 'commune', parentCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.280, 11.840] },
  { code: '25411', officialCode: '25411', name: 'Xã Đoàn Kết', type: 'commune', parentCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.260, 11.780] },
  { code: '25414', officialCode: '25414', name: 'Xã Đồng Nai', type: 'commune', parentCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.250, 11.620] },
  { code: '25417', officialCode: '25417', name: 'Xã Đức Liễu', type: 'commune', parentCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.180, 11.760] },
  { code: '25420', officialCode: '25420', name: 'Xã Thống Nhất', type: 'commune', parentCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.350, 11.740] },
  { code: '25423', officialCode: '25423', name: 'Xã Nghĩa Trung', type: 'commune', parentCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.090, 11.780] },
  { code: '25424', officialCode: '25424', name: 'Xã Nghĩa Bình', type: 'commune', parentCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.120, 11.740] },
  { code: '25426', officialCode: '25426', name: 'Xã Đăng Hà', type: 'commune', parentCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.370, 11.660] },
  { code: '25429', officialCode: '25429', name: 'Xã Phước Sơn', type: 'commune', parentCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.370, 11.820] },

  // ---- Thị xã Chơn Thành (697)
  // Before 2022-10-01 these nine units belonged to Huyện Chơn Thành; versions under the huyện keep their GSO code as officialCode.
  { code: 'BP-25432-pre2022', officialCode: '25432', name: 'Thị trấn Chơn Thành', type: 'township', parentCode: 'BP-697-huyen', validFrom: '2000-01-01', validTo: '2022-10-01', seat: [106.656, 11.430] },
  { code: 'BP-25433-pre2022', officialCode: '25433', name: 'Xã Thành Tâm', type: 'commune', parentCode: 'BP-697-huyen', validFrom: '2000-01-01', validTo: '2022-10-01', seat: [106.620, 11.400] },
  { code: 'BP-25435-pre2022', officialCode: '25435', name: 'Xã Minh Lập', type: 'commune', parentCode: 'BP-697-huyen', validFrom: '2000-01-01', validTo: '2022-10-01', seat: [106.760, 11.470] },
  { code: 'BP-25439-pre2022', officialCode: '25439', name: 'Xã Quang Minh', type: 'commune', parentCode: 'BP-697-huyen', validFrom: '2000-01-01', validTo: '2022-10-01', seat: [106.625, 11.505] },
  { code: 'BP-25441-pre2022', officialCode: '25441', name: 'Xã Minh Hưng', type: 'commune', parentCode: 'BP-697-huyen', validFrom: '2000-01-01', validTo: '2022-10-01', seat: [106.620, 11.470] },
  { code: 'BP-25444-pre2022', officialCode: '25444', name: 'Xã Minh Long', type: 'commune', parentCode: 'BP-697-huyen', validFrom: '2000-01-01', validTo: '2022-10-01', seat: [106.665, 11.468] },
  { code: 'BP-25447-pre2022', officialCode: '25447', name: 'Xã Minh Thành', type: 'commune', parentCode: 'BP-697-huyen', validFrom: '2000-01-01', validTo: '2022-10-01', seat: [106.690, 11.410] },
  { code: 'BP-25450-pre2022', officialCode: '25450', name: 'Xã Nha Bích', type: 'commune', parentCode: 'BP-697-huyen', validFrom: '2000-01-01', validTo: '2022-10-01', seat: [106.720, 11.500] },
  { code: 'BP-25453-pre2022', officialCode: '25453', name: 'Xã Minh Thắng', type: 'commune', parentCode: 'BP-697-huyen', validFrom: '2000-01-01', validTo: '2022-10-01', seat: [106.740, 11.540] },
  { code: '25432', officialCode: '25432', name: 'Phường Hưng Long', type: 'ward', parentCode: '697', validFrom: '2022-10-01', validTo: '2025-07-01', seat: [106.656, 11.430] },
  { code: '25433', officialCode: '25433', name: 'Phường Thành Tâm', type: 'ward', parentCode: '697', validFrom: '2022-10-01', validTo: '2025-07-01', seat: [106.620, 11.400] },
  { code: '25435', officialCode: '25435', name: 'Xã Minh Lập', type: 'commune', parentCode: '697', validFrom: '2022-10-01', validTo: '2025-07-01', seat: [106.760, 11.470] },
  { code: '25439', officialCode: '25439', name: 'Xã Quang Minh', type: 'commune', parentCode: '697', validFrom: '2022-10-01', validTo: '2025-07-01', seat: [106.625, 11.505] },
  { code: '25441', officialCode: '25441', name: 'Phường Minh Hưng', type: 'ward', parentCode: '697', validFrom: '2022-10-01', validTo: '2025-07-01', seat: [106.620, 11.470] },
  { code: '25444', officialCode: '25444', name: 'Phường Minh Long', type: 'ward', parentCode: '697', validFrom: '2022-10-01', validTo: '2025-07-01', seat: [106.665, 11.468] },
  { code: '25447', officialCode: '25447', name: 'Phường Minh Thành', type: 'ward', parentCode: '697', validFrom: '2022-10-01', validTo: '2025-07-01', seat: [106.690, 11.410] },
  { code: '25450', officialCode: '25450', name: 'Xã Nha Bích', type: 'commune', parentCode: '697', validFrom: '2022-10-01', validTo: '2025-07-01', seat: [106.720, 11.500] },
  { code: '25453', officialCode: '25453', name: 'Xã Minh Thắng', type: 'commune', parentCode: '697', validFrom: '2022-10-01', validTo: '2025-07-01', seat: [106.740, 11.540] },

  // ---- Huyện Phú Riềng (698)
  { code: '25240', officialCode: '25240', name: 'Xã Long Bình', type: 'commune', parentCode: '698', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.860, 11.850] },
  { code: '25243', officialCode: '25243', name: 'Xã Bình Tân', type: 'commune', parentCode: '698', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.880, 11.880] },
  { code: '25244', officialCode: '25244', name: 'Xã Bình Sơn', type: 'commune', parentCode: '698', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.930, 11.800] },
  { code: '25246', officialCode: '25246', name: 'Xã Long Hưng', type: 'commune', parentCode: '698', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.900, 11.840] },
  { code: '25250', officialCode: '25250', name: 'Xã Phước Tân', type: 'commune', parentCode: '698', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [107.030, 11.700] },
  { code: '25252', officialCode: '25252', name: 'Xã Bù Nho', type: 'commune', parentCode: '698', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.970, 11.740] },
  { code: '25255', officialCode: '25255', name: 'Xã Long Hà', type: 'commune', parentCode: '698', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.830, 11.740] },
  { code: '25258', officialCode: '25258', name: 'Xã Long Tân', type: 'commune', parentCode: '698', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.860, 11.770] },
  { code: '25261', officialCode: '25261', name: 'Xã Phú Trung', type: 'commune', parentCode: '698', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.980, 11.660] },
  { code: '25264', officialCode: '25264', name: 'Xã Phú Riềng', type: 'commune', parentCode: '698', validFrom: '2000-01-01', validTo: '2025-07-01', seat: [106.925, 11.710] },

  // ---- Đồng Nai (merged), former Bình Phước territory: two-tier, communes/wards directly under the province from 2025-07-01
  // GSO codes of the 2025 units are not confirmed from a primary source here, so officialCode is null and code is a local key.
  { code: 'DN-new-p-binh-phuoc', officialCode: null, name: 'Phường Bình Phước', type: 'ward', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.889, 11.542] },
  { code: 'DN-new-p-dong-xoai', officialCode: null, name: 'Phường Đồng Xoài', type: 'ward', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.858, 11.510] },
  { code: 'DN-new-p-minh-hung', officialCode: null, name: 'Phường Minh Hưng', type: 'ward', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.643, 11.469] },
  { code: 'DN-new-p-chon-thanh', officialCode: null, name: 'Phường Chơn Thành', type: 'ward', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.655, 11.413] },
  { code: 'DN-new-p-binh-long', officialCode: null, name: 'Phường Bình Long', type: 'ward', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.616, 11.651] },
  { code: 'DN-new-p-an-loc', officialCode: null, name: 'Phường An Lộc', type: 'ward', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.597, 11.686] },
  { code: 'DN-new-p-phuoc-binh', officialCode: null, name: 'Phường Phước Bình', type: 'ward', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.955, 11.809] },
  { code: 'DN-new-p-phuoc-long', officialCode: null, name: 'Phường Phước Long', type: 'ward', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [107.019, 11.829] },
  { code: 'DN-new-x-nha-bich', officialCode: null, name: 'Xã Nha Bích', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.740, 11.503] },
  { code: 'DN-new-x-tan-quan', officialCode: null, name: 'Xã Tân Quan', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.616, 11.526] },
  { code: 'DN-new-x-tan-hung', officialCode: null, name: 'Xã Tân Hưng', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.513, 11.640] },
  { code: 'DN-new-x-tan-khai', officialCode: null, name: 'Xã Tân Khai', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.652, 11.578] },
  { code: 'DN-new-x-minh-duc', officialCode: null, name: 'Xã Minh Đức', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.727, 11.670] },
  { code: 'DN-new-x-loc-thanh', officialCode: null, name: 'Xã Lộc Thành', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.465, 11.825] },
  { code: 'DN-new-x-loc-ninh', officialCode: null, name: 'Xã Lộc Ninh', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.609, 11.834] },
  { code: 'DN-new-x-loc-hung', officialCode: null, name: 'Xã Lộc Hưng', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.580, 11.737] },
  { code: 'DN-new-x-loc-tan', officialCode: null, name: 'Xã Lộc Tấn', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.570, 11.945] },
  { code: 'DN-new-x-loc-thanh-b', officialCode: null, name: 'Xã Lộc Thạnh', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.500, 11.975] }, // '-b': ASCII slug of Lộc Thạnh coincides with Lộc Thành
  { code: 'DN-new-x-loc-quang', officialCode: null, name: 'Xã Lộc Quang', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.700, 11.810] },
  { code: 'DN-new-x-tan-tien', officialCode: null, name: 'Xã Tân Tiến', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.730, 11.933] },
  { code: 'DN-new-x-thien-hung', officialCode: null, name: 'Xã Thiện Hưng', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.801, 12.008] },
  { code: 'DN-new-x-hung-phuoc', officialCode: null, name: 'Xã Hưng Phước', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.885, 12.060] },
  { code: 'DN-new-x-phu-nghia', officialCode: null, name: 'Xã Phú Nghĩa', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [107.040, 11.951] },
  { code: 'DN-new-x-da-kia', officialCode: null, name: 'Xã Đa Kia', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.930, 11.970] },
  { code: 'DN-new-x-bu-gia-map', officialCode: null, name: 'Xã Bù Gia Mập', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [107.200, 12.120] },
  { code: 'DN-new-x-dak-o', officialCode: null, name: 'Xã Đăk Ơ', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [107.070, 12.050] },
  { code: 'DN-new-x-binh-tan', officialCode: null, name: 'Xã Bình Tân', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.880, 11.857] },
  { code: 'DN-new-x-long-ha', officialCode: null, name: 'Xã Long Hà', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.845, 11.755] },
  { code: 'DN-new-x-phu-rieng', officialCode: null, name: 'Xã Phú Riềng', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.947, 11.725] },
  { code: 'DN-new-x-phu-trung', officialCode: null, name: 'Xã Phú Trung', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [107.005, 11.680] },
  { code: 'DN-new-x-thuan-loi', officialCode: null, name: 'Xã Thuận Lợi', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.950, 11.610] },
  { code: 'DN-new-x-dong-tam', officialCode: null, name: 'Xã Đồng Tâm', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [107.030, 11.560] },
  { code: 'DN-new-x-tan-loi', officialCode: null, name: 'Xã Tân Lợi', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.950, 11.400] },
  { code: 'DN-new-x-dong-phu', officialCode: null, name: 'Xã Đồng Phú', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [106.992, 11.466] },
  { code: 'DN-new-x-phuoc-son', officialCode: null, name: 'Xã Phước Sơn', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [107.363, 11.740] },
  { code: 'DN-new-x-nghia-trung', officialCode: null, name: 'Xã Nghĩa Trung', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [107.130, 11.760] },
  { code: 'DN-new-x-bu-dang', officialCode: null, name: 'Xã Bù Đăng', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [107.261, 11.809] },
  { code: 'DN-new-x-tho-son', officialCode: null, name: 'Xã Thọ Sơn', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [107.240, 11.673] },
  { code: 'DN-new-x-dak-nhau', officialCode: null, name: 'Xã Đak Nhau', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [107.200, 12.010] },
  { code: 'DN-new-x-bom-bo', officialCode: null, name: 'Xã Bom Bo', type: 'commune', parentCode: '75', validFrom: '2025-07-01', validTo: null, seat: [107.195, 11.900] },
];

export const demoSuccessions: DemoSuccession[] = [
  // ---- Provinces (NQ 202/2025/QH15: Bình Phước + Đồng Nai → Đồng Nai)
  { fromCode: '70', toCode: '75', share: 1, validOn: '2025-07-01' },
  { fromCode: 'DN-old-75', toCode: '75', share: 1, validOn: '2025-07-01' },

  // ---- Huyện Chơn Thành → Thị xã Chơn Thành (2022-10-01), whole units
  { fromCode: 'BP-697-huyen', toCode: '697', share: 1, validOn: '2022-10-01' },
  { fromCode: 'BP-25432-pre2022', toCode: '25432', share: 1, validOn: '2022-10-01' },
  { fromCode: 'BP-25433-pre2022', toCode: '25433', share: 1, validOn: '2022-10-01' },
  { fromCode: 'BP-25435-pre2022', toCode: '25435', share: 1, validOn: '2022-10-01' },
  { fromCode: 'BP-25439-pre2022', toCode: '25439', share: 1, validOn: '2022-10-01' },
  { fromCode: 'BP-25441-pre2022', toCode: '25441', share: 1, validOn: '2022-10-01' },
  { fromCode: 'BP-25444-pre2022', toCode: '25444', share: 1, validOn: '2022-10-01' },
  { fromCode: 'BP-25447-pre2022', toCode: '25447', share: 1, validOn: '2022-10-01' },
  { fromCode: 'BP-25450-pre2022', toCode: '25450', share: 1, validOn: '2022-10-01' },
  { fromCode: 'BP-25453-pre2022', toCode: '25453', share: 1, validOn: '2022-10-01' },

  // ---- District level → 2025 communes/wards. ESTIMATES: shares = number of the district's old communes that went into each new unit / district total.
  { fromCode: '688', toCode: 'DN-new-p-phuoc-binh', share: 3 / 7, validOn: '2025-07-01' },
  { fromCode: '688', toCode: 'DN-new-p-phuoc-long', share: 4 / 7, validOn: '2025-07-01' },
  { fromCode: '689', toCode: 'DN-new-p-binh-phuoc', share: 3 / 4, validOn: '2025-07-01' },
  { fromCode: '689', toCode: 'DN-new-p-dong-xoai', share: 1 / 4, validOn: '2025-07-01' },
  { fromCode: '690', toCode: 'DN-new-p-binh-long', share: 1 / 2, validOn: '2025-07-01' },
  { fromCode: '690', toCode: 'DN-new-p-an-loc', share: 1 / 2, validOn: '2025-07-01' },
  { fromCode: '691', toCode: 'DN-new-x-phu-nghia', share: 3 / 8, validOn: '2025-07-01' },
  { fromCode: '691', toCode: 'DN-new-x-da-kia', share: 3 / 8, validOn: '2025-07-01' },
  { fromCode: '691', toCode: 'DN-new-x-bu-gia-map', share: 1 / 8, validOn: '2025-07-01' },
  { fromCode: '691', toCode: 'DN-new-x-dak-o', share: 1 / 8, validOn: '2025-07-01' },
  { fromCode: '692', toCode: 'DN-new-x-loc-thanh', share: 1 / 8, validOn: '2025-07-01' },
  { fromCode: '692', toCode: 'DN-new-x-loc-ninh', share: 3 / 16, validOn: '2025-07-01' },
  { fromCode: '692', toCode: 'DN-new-x-loc-hung', share: 3 / 16, validOn: '2025-07-01' },
  { fromCode: '692', toCode: 'DN-new-x-loc-tan', share: 1 / 8, validOn: '2025-07-01' },
  { fromCode: '692', toCode: 'DN-new-x-loc-thanh-b', share: 1 / 8, validOn: '2025-07-01' },
  { fromCode: '692', toCode: 'DN-new-x-loc-quang', share: 3 / 16, validOn: '2025-07-01' },
  { fromCode: '692', toCode: 'DN-new-x-tan-tien', share: 1 / 16, validOn: '2025-07-01' },
  { fromCode: '693', toCode: 'DN-new-x-tan-tien', share: 2 / 7, validOn: '2025-07-01' },
  { fromCode: '693', toCode: 'DN-new-x-thien-hung', share: 3 / 7, validOn: '2025-07-01' },
  { fromCode: '693', toCode: 'DN-new-x-hung-phuoc', share: 2 / 7, validOn: '2025-07-01' },
  { fromCode: '694', toCode: 'DN-new-p-binh-long', share: 1 / 13, validOn: '2025-07-01' },
  { fromCode: '694', toCode: 'DN-new-x-tan-quan', share: 3 / 13, validOn: '2025-07-01' },
  { fromCode: '694', toCode: 'DN-new-x-tan-hung', share: 3 / 13, validOn: '2025-07-01' },
  { fromCode: '694', toCode: 'DN-new-x-tan-khai', share: 3 / 13, validOn: '2025-07-01' },
  { fromCode: '694', toCode: 'DN-new-x-minh-duc', share: 3 / 13, validOn: '2025-07-01' },
  { fromCode: '695', toCode: 'DN-new-x-thuan-loi', share: 2 / 11, validOn: '2025-07-01' },
  { fromCode: '695', toCode: 'DN-new-x-dong-tam', share: 3 / 11, validOn: '2025-07-01' },
  { fromCode: '695', toCode: 'DN-new-x-tan-loi', share: 3 / 11, validOn: '2025-07-01' },
  { fromCode: '695', toCode: 'DN-new-x-dong-phu', share: 3 / 11, validOn: '2025-07-01' },
  { fromCode: '696', toCode: 'DN-new-x-phuoc-son', share: 3 / 16, validOn: '2025-07-01' },
  { fromCode: '696', toCode: 'DN-new-x-nghia-trung', share: 3 / 16, validOn: '2025-07-01' },
  { fromCode: '696', toCode: 'DN-new-x-bu-dang', share: 3 / 16, validOn: '2025-07-01' },
  { fromCode: '696', toCode: 'DN-new-x-tho-son', share: 3 / 16, validOn: '2025-07-01' },
  { fromCode: '696', toCode: 'DN-new-x-dak-nhau', share: 1 / 8, validOn: '2025-07-01' },
  { fromCode: '696', toCode: 'DN-new-x-bom-bo', share: 1 / 8, validOn: '2025-07-01' },
  { fromCode: '697', toCode: 'DN-new-p-minh-hung', share: 2 / 9, validOn: '2025-07-01' },
  { fromCode: '697', toCode: 'DN-new-p-chon-thanh', share: 1 / 3, validOn: '2025-07-01' },
  { fromCode: '697', toCode: 'DN-new-x-nha-bich', share: 1 / 3, validOn: '2025-07-01' },
  { fromCode: '697', toCode: 'DN-new-x-tan-quan', share: 1 / 9, validOn: '2025-07-01' },
  { fromCode: '698', toCode: 'DN-new-p-phuoc-binh', share: 1 / 10, validOn: '2025-07-01' },
  { fromCode: '698', toCode: 'DN-new-x-binh-tan', share: 3 / 10, validOn: '2025-07-01' },
  { fromCode: '698', toCode: 'DN-new-x-long-ha', share: 1 / 5, validOn: '2025-07-01' },
  { fromCode: '698', toCode: 'DN-new-x-phu-rieng', share: 1 / 5, validOn: '2025-07-01' },
  { fromCode: '698', toCode: 'DN-new-x-phu-trung', share: 1 / 5, validOn: '2025-07-01' },

  // ---- Commune level → 2025 communes/wards. Every old unit went wholly into one new unit (share 1).
  { fromCode: '25195', toCode: 'DN-new-p-binh-phuoc', share: 1, validOn: '2025-07-01' },
  { fromCode: '25198', toCode: 'DN-new-p-binh-phuoc', share: 1, validOn: '2025-07-01' },
  { fromCode: '25205', toCode: 'DN-new-p-binh-phuoc', share: 1, validOn: '2025-07-01' },
  { fromCode: '25201', toCode: 'DN-new-p-binh-phuoc', share: 1, validOn: '2025-07-01' },
  { fromCode: '25204', toCode: 'DN-new-p-binh-phuoc', share: 1, validOn: '2025-07-01' },
  { fromCode: '25213', toCode: 'DN-new-p-binh-phuoc', share: 1, validOn: '2025-07-01' },
  { fromCode: '25210', toCode: 'DN-new-p-dong-xoai', share: 1, validOn: '2025-07-01' },
  { fromCode: '25207', toCode: 'DN-new-p-dong-xoai', share: 1, validOn: '2025-07-01' },
  { fromCode: '25444', toCode: 'DN-new-p-minh-hung', share: 1, validOn: '2025-07-01' },
  { fromCode: '25441', toCode: 'DN-new-p-minh-hung', share: 1, validOn: '2025-07-01' },
  { fromCode: '25432', toCode: 'DN-new-p-chon-thanh', share: 1, validOn: '2025-07-01' },
  { fromCode: '25433', toCode: 'DN-new-p-chon-thanh', share: 1, validOn: '2025-07-01' },
  { fromCode: '25447', toCode: 'DN-new-p-chon-thanh', share: 1, validOn: '2025-07-01' },
  { fromCode: '25324', toCode: 'DN-new-p-binh-long', share: 1, validOn: '2025-07-01' },
  { fromCode: '25320', toCode: 'DN-new-p-binh-long', share: 1, validOn: '2025-07-01' },
  { fromCode: '25326', toCode: 'DN-new-p-binh-long', share: 1, validOn: '2025-07-01' },
  { fromCode: '25354', toCode: 'DN-new-p-binh-long', share: 1, validOn: '2025-07-01' },
  { fromCode: '25325', toCode: 'DN-new-p-an-loc', share: 1, validOn: '2025-07-01' },
  { fromCode: '25336', toCode: 'DN-new-p-an-loc', share: 1, validOn: '2025-07-01' },
  { fromCode: '25333', toCode: 'DN-new-p-an-loc', share: 1, validOn: '2025-07-01' },
  { fromCode: '25220', toCode: 'DN-new-p-phuoc-binh', share: 1, validOn: '2025-07-01' },
  { fromCode: '25219', toCode: 'DN-new-p-phuoc-binh', share: 1, validOn: '2025-07-01' },
  { fromCode: '25244', toCode: 'DN-new-p-phuoc-binh', share: 1, validOn: '2025-07-01' },
  { fromCode: '25245', toCode: 'DN-new-p-phuoc-binh', share: 1, validOn: '2025-07-01' },
  { fromCode: '25217', toCode: 'DN-new-p-phuoc-long', share: 1, validOn: '2025-07-01' },
  { fromCode: '25216', toCode: 'DN-new-p-phuoc-long', share: 1, validOn: '2025-07-01' },
  { fromCode: '25237', toCode: 'DN-new-p-phuoc-long', share: 1, validOn: '2025-07-01' },
  { fromCode: '25249', toCode: 'DN-new-p-phuoc-long', share: 1, validOn: '2025-07-01' },
  { fromCode: '25453', toCode: 'DN-new-x-nha-bich', share: 1, validOn: '2025-07-01' },
  { fromCode: '25435', toCode: 'DN-new-x-nha-bich', share: 1, validOn: '2025-07-01' },
  { fromCode: '25450', toCode: 'DN-new-x-nha-bich', share: 1, validOn: '2025-07-01' },
  { fromCode: '25351', toCode: 'DN-new-x-tan-quan', share: 1, validOn: '2025-07-01' },
  { fromCode: '25342', toCode: 'DN-new-x-tan-quan', share: 1, validOn: '2025-07-01' },
  { fromCode: '25439', toCode: 'DN-new-x-tan-quan', share: 1, validOn: '2025-07-01' },
  { fromCode: '25438', toCode: 'DN-new-x-tan-quan', share: 1, validOn: '2025-07-01' },
  { fromCode: '25345', toCode: 'DN-new-x-tan-hung', share: 1, validOn: '2025-07-01' },
  { fromCode: '25330', toCode: 'DN-new-x-tan-hung', share: 1, validOn: '2025-07-01' },
  { fromCode: '25327', toCode: 'DN-new-x-tan-hung', share: 1, validOn: '2025-07-01' },
  { fromCode: '25357', toCode: 'DN-new-x-tan-khai', share: 1, validOn: '2025-07-01' },
  { fromCode: '25361', toCode: 'DN-new-x-tan-khai', share: 1, validOn: '2025-07-01' },
  { fromCode: '25360', toCode: 'DN-new-x-tan-khai', share: 1, validOn: '2025-07-01' },
  { fromCode: '25339', toCode: 'DN-new-x-minh-duc', share: 1, validOn: '2025-07-01' },
  { fromCode: '25349', toCode: 'DN-new-x-minh-duc', share: 1, validOn: '2025-07-01' },
  { fromCode: '25348', toCode: 'DN-new-x-minh-duc', share: 1, validOn: '2025-07-01' },
  { fromCode: '25305', toCode: 'DN-new-x-loc-thanh', share: 1, validOn: '2025-07-01' },
  { fromCode: '25294', toCode: 'DN-new-x-loc-thanh', share: 1, validOn: '2025-07-01' },
  { fromCode: '25270', toCode: 'DN-new-x-loc-ninh', share: 1, validOn: '2025-07-01' },
  { fromCode: '25297', toCode: 'DN-new-x-loc-ninh', share: 1, validOn: '2025-07-01' },
  { fromCode: '25288', toCode: 'DN-new-x-loc-ninh', share: 1, validOn: '2025-07-01' },
  { fromCode: '25306', toCode: 'DN-new-x-loc-hung', share: 1, validOn: '2025-07-01' },
  { fromCode: '25300', toCode: 'DN-new-x-loc-hung', share: 1, validOn: '2025-07-01' },
  { fromCode: '25303', toCode: 'DN-new-x-loc-hung', share: 1, validOn: '2025-07-01' },
  { fromCode: '25285', toCode: 'DN-new-x-loc-tan', share: 1, validOn: '2025-07-01' },
  { fromCode: '25279', toCode: 'DN-new-x-loc-tan', share: 1, validOn: '2025-07-01' },
  { fromCode: '25273', toCode: 'DN-new-x-loc-thanh-b', share: 1, validOn: '2025-07-01' },
  { fromCode: '25280', toCode: 'DN-new-x-loc-thanh-b', share: 1, validOn: '2025-07-01' },
  { fromCode: '25292', toCode: 'DN-new-x-loc-quang', share: 1, validOn: '2025-07-01' },
  { fromCode: '25282', toCode: 'DN-new-x-loc-quang', share: 1, validOn: '2025-07-01' },
  { fromCode: '25291', toCode: 'DN-new-x-loc-quang', share: 1, validOn: '2025-07-01' },
  { fromCode: '25318', toCode: 'DN-new-x-tan-tien', share: 1, validOn: '2025-07-01' },
  { fromCode: '25321', toCode: 'DN-new-x-tan-tien', share: 1, validOn: '2025-07-01' },
  { fromCode: '25276', toCode: 'DN-new-x-tan-tien', share: 1, validOn: '2025-07-01' },
  { fromCode: '25308', toCode: 'DN-new-x-thien-hung', share: 1, validOn: '2025-07-01' },
  { fromCode: '25315', toCode: 'DN-new-x-thien-hung', share: 1, validOn: '2025-07-01' },
  { fromCode: '25312', toCode: 'DN-new-x-thien-hung', share: 1, validOn: '2025-07-01' },
  { fromCode: '25310', toCode: 'DN-new-x-hung-phuoc', share: 1, validOn: '2025-07-01' },
  { fromCode: '25309', toCode: 'DN-new-x-hung-phuoc', share: 1, validOn: '2025-07-01' },
  { fromCode: '25229', toCode: 'DN-new-x-phu-nghia', share: 1, validOn: '2025-07-01' },
  { fromCode: '25228', toCode: 'DN-new-x-phu-nghia', share: 1, validOn: '2025-07-01' },
  { fromCode: '25267', toCode: 'DN-new-x-phu-nghia', share: 1, validOn: '2025-07-01' },
  { fromCode: '25232', toCode: 'DN-new-x-da-kia', share: 1, validOn: '2025-07-01' },
  { fromCode: '25234', toCode: 'DN-new-x-da-kia', share: 1, validOn: '2025-07-01' },
  { fromCode: '25231', toCode: 'DN-new-x-da-kia', share: 1, validOn: '2025-07-01' },
  { fromCode: '25222', toCode: 'DN-new-x-bu-gia-map', share: 1, validOn: '2025-07-01' },
  { fromCode: '25225', toCode: 'DN-new-x-dak-o', share: 1, validOn: '2025-07-01' },
  { fromCode: '25246', toCode: 'DN-new-x-binh-tan', share: 1, validOn: '2025-07-01' },
  { fromCode: '25240', toCode: 'DN-new-x-binh-tan', share: 1, validOn: '2025-07-01' },
  { fromCode: '25243', toCode: 'DN-new-x-binh-tan', share: 1, validOn: '2025-07-01' },
  { fromCode: '25258', toCode: 'DN-new-x-long-ha', share: 1, validOn: '2025-07-01' },
  { fromCode: '25255', toCode: 'DN-new-x-long-ha', share: 1, validOn: '2025-07-01' },
  { fromCode: '25252', toCode: 'DN-new-x-phu-rieng', share: 1, validOn: '2025-07-01' },
  { fromCode: '25264', toCode: 'DN-new-x-phu-rieng', share: 1, validOn: '2025-07-01' },
  { fromCode: '25250', toCode: 'DN-new-x-phu-trung', share: 1, validOn: '2025-07-01' },
  { fromCode: '25261', toCode: 'DN-new-x-phu-trung', share: 1, validOn: '2025-07-01' },
  { fromCode: '25387', toCode: 'DN-new-x-thuan-loi', share: 1, validOn: '2025-07-01' },
  { fromCode: '25366', toCode: 'DN-new-x-thuan-loi', share: 1, validOn: '2025-07-01' },
  { fromCode: '25390', toCode: 'DN-new-x-dong-tam', share: 1, validOn: '2025-07-01' },
  { fromCode: '25372', toCode: 'DN-new-x-dong-tam', share: 1, validOn: '2025-07-01' },
  { fromCode: '25369', toCode: 'DN-new-x-dong-tam', share: 1, validOn: '2025-07-01' },
  { fromCode: '25375', toCode: 'DN-new-x-tan-loi', share: 1, validOn: '2025-07-01' },
  { fromCode: '25378', toCode: 'DN-new-x-tan-loi', share: 1, validOn: '2025-07-01' },
  { fromCode: '25384', toCode: 'DN-new-x-tan-loi', share: 1, validOn: '2025-07-01' },
  { fromCode: '25363', toCode: 'DN-new-x-dong-phu', share: 1, validOn: '2025-07-01' },
  { fromCode: '25393', toCode: 'DN-new-x-dong-phu', share: 1, validOn: '2025-07-01' },
  { fromCode: '25381', toCode: 'DN-new-x-dong-phu', share: 1, validOn: '2025-07-01' },
  { fromCode: '25426', toCode: 'DN-new-x-phuoc-son', share: 1, validOn: '2025-07-01' },
  { fromCode: '25420', toCode: 'DN-new-x-phuoc-son', share: 1, validOn: '2025-07-01' },
  { fromCode: '25429', toCode: 'DN-new-x-phuoc-son', share: 1, validOn: '2025-07-01' },
  { fromCode: '25417', toCode: 'DN-new-x-nghia-trung', share: 1, validOn: '2025-07-01' },
  { fromCode: '25424', toCode: 'DN-new-x-nghia-trung', share: 1, validOn: '2025-07-01' },
  { fromCode: '25423', toCode: 'DN-new-x-nghia-trung', share: 1, validOn: '2025-07-01' },
  { fromCode: '25396', toCode: 'DN-new-x-bu-dang', share: 1, validOn: '2025-07-01' },
  { fromCode: '25411', toCode: 'DN-new-x-bu-dang', share: 1, validOn: '2025-07-01' },
  { fromCode: '25408', toCode: 'DN-new-x-bu-dang', share: 1, validOn: '2025-07-01' },
  { fromCode: '25400', toCode: 'DN-new-x-tho-son', share: 1, validOn: '2025-07-01' },
  { fromCode: '25414', toCode: 'DN-new-x-tho-son', share: 1, validOn: '2025-07-01' },
  { fromCode: '25402', toCode: 'DN-new-x-tho-son', share: 1, validOn: '2025-07-01' },
  { fromCode: '25398', toCode: 'DN-new-x-dak-nhau', share: 1, validOn: '2025-07-01' },
  { fromCode: '25399', toCode: 'DN-new-x-dak-nhau', share: 1, validOn: '2025-07-01' },
  { fromCode: '25404', toCode: 'DN-new-x-bom-bo', share: 1, validOn: '2025-07-01' },
  { fromCode: '25405', toCode: 'DN-new-x-bom-bo', share: 1, validOn: '2025-07-01' },
];

export const demoAgencies: DemoAgency[] = [
  // ---- Bình Phước province (until 2025-07-01)
  { code: 'BP-UBND', name: 'Ủy ban nhân dân tỉnh Bình Phước', nameEn: 'Bình Phước Provincial People\'s Committee', kind: 'people_committee', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-VP-UBND', name: 'Văn phòng Ủy ban nhân dân tỉnh Bình Phước', nameEn: 'Office of the Bình Phước Provincial People\'s Committee', kind: 'department', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01' },
  // Departments merged away in the 2025 government reorganisation end on 2025-03-01 (national effective date of the provincial department mergers; the exact local date is an estimate).
  { code: 'BP-SKHDT', name: 'Sở Kế hoạch và Đầu tư tỉnh Bình Phước', nameEn: 'Bình Phước Department of Planning and Investment', kind: 'department', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-03-01' }, // merged into Sở Tài chính
  { code: 'BP-STC', name: 'Sở Tài chính tỉnh Bình Phước', nameEn: 'Bình Phước Department of Finance', kind: 'department', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-SYT', name: 'Sở Y tế tỉnh Bình Phước', nameEn: 'Bình Phước Department of Health', kind: 'department', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-SGDDT', name: 'Sở Giáo dục và Đào tạo tỉnh Bình Phước', nameEn: 'Bình Phước Department of Education and Training', kind: 'department', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-SGTVT', name: 'Sở Giao thông vận tải tỉnh Bình Phước', nameEn: 'Bình Phước Department of Transport', kind: 'department', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-03-01' }, // merged into Sở Xây dựng
  { code: 'BP-STNMT', name: 'Sở Tài nguyên và Môi trường tỉnh Bình Phước', nameEn: 'Bình Phước Department of Natural Resources and Environment', kind: 'department', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-03-01' }, // merged into Sở Nông nghiệp và Môi trường
  { code: 'BP-STTTT', name: 'Sở Thông tin và Truyền thông tỉnh Bình Phước', nameEn: 'Bình Phước Department of Information and Communications', kind: 'department', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-03-01' }, // merged into Sở Khoa học và Công nghệ
  { code: 'BP-SLDTBXH', name: 'Sở Lao động - Thương binh và Xã hội tỉnh Bình Phước', nameEn: 'Bình Phước Department of Labour, War Invalids and Social Affairs', kind: 'department', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-03-01' }, // main part merged into Sở Nội vụ
  { code: 'BP-SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Bình Phước', nameEn: 'Bình Phước Department of Culture, Sports and Tourism', kind: 'department', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-SCT', name: 'Sở Công Thương tỉnh Bình Phước', nameEn: 'Bình Phước Department of Industry and Trade', kind: 'department', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-SNNPTNT', name: 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Bình Phước', nameEn: 'Bình Phước Department of Agriculture and Rural Development', kind: 'department', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-03-01' }, // merged into Sở Nông nghiệp và Môi trường
  { code: 'BP-SNNMT', name: 'Sở Nông nghiệp và Môi trường tỉnh Bình Phước', nameEn: 'Bình Phước Department of Agriculture and Environment', kind: 'department', unitCode: '70', validFrom: '2025-03-01', validTo: '2025-07-01' },
  { code: 'BP-SKHCN', name: 'Sở Khoa học và Công nghệ tỉnh Bình Phước', nameEn: 'Bình Phước Department of Science and Technology', kind: 'department', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-SXD', name: 'Sở Xây dựng tỉnh Bình Phước', nameEn: 'Bình Phước Department of Construction', kind: 'department', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-STP', name: 'Sở Tư pháp tỉnh Bình Phước', nameEn: 'Bình Phước Department of Justice', kind: 'department', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-SNV', name: 'Sở Nội vụ tỉnh Bình Phước', nameEn: 'Bình Phước Department of Home Affairs', kind: 'department', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-CA', name: 'Công an tỉnh Bình Phước', nameEn: 'Bình Phước Provincial Police', kind: 'police', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-BVDK', name: 'Bệnh viện Đa khoa tỉnh Bình Phước', nameEn: 'Bình Phước Provincial General Hospital', kind: 'hospital', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01' }, // post-merger name not modelled
  { code: 'BP-CTN', name: 'Công ty cổ phần Cấp thoát nước Bình Phước', nameEn: 'Bình Phước Water Supply and Sewerage JSC', kind: 'utility', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01' }, // name as commonly cited; not verified against the business register
  { code: 'BP-PC', name: 'Công ty Điện lực Bình Phước', nameEn: 'Bình Phước Power Company', kind: 'utility', unitCode: '70', validFrom: '2000-01-01', validTo: '2025-07-01' }, // EVN SPC subsidiary; post-merger organisation not modelled

  // ---- District-level people's committees (until the district level was abolished)
  { code: 'BP-UBND-688', name: 'Ủy ban nhân dân thị xã Phước Long', nameEn: 'Phước Long Town People\'s Committee', kind: 'people_committee', unitCode: '688', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-UBND-689', name: 'Ủy ban nhân dân thành phố Đồng Xoài', nameEn: 'Đồng Xoài City People\'s Committee', kind: 'people_committee', unitCode: '689', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-UBND-690', name: 'Ủy ban nhân dân thị xã Bình Long', nameEn: 'Bình Long Town People\'s Committee', kind: 'people_committee', unitCode: '690', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-UBND-691', name: 'Ủy ban nhân dân huyện Bù Gia Mập', nameEn: 'Bù Gia Mập District People\'s Committee', kind: 'people_committee', unitCode: '691', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-UBND-692', name: 'Ủy ban nhân dân huyện Lộc Ninh', nameEn: 'Lộc Ninh District People\'s Committee', kind: 'people_committee', unitCode: '692', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-UBND-693', name: 'Ủy ban nhân dân huyện Bù Đốp', nameEn: 'Bù Đốp District People\'s Committee', kind: 'people_committee', unitCode: '693', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-UBND-694', name: 'Ủy ban nhân dân huyện Hớn Quản', nameEn: 'Hớn Quản District People\'s Committee', kind: 'people_committee', unitCode: '694', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-UBND-695', name: 'Ủy ban nhân dân huyện Đồng Phú', nameEn: 'Đồng Phú District People\'s Committee', kind: 'people_committee', unitCode: '695', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-UBND-696', name: 'Ủy ban nhân dân huyện Bù Đăng', nameEn: 'Bù Đăng District People\'s Committee', kind: 'people_committee', unitCode: '696', validFrom: '2000-01-01', validTo: '2025-07-01' },
  { code: 'BP-UBND-697-huyen', name: 'Ủy ban nhân dân huyện Chơn Thành', nameEn: 'Chơn Thành District People\'s Committee', kind: 'people_committee', unitCode: 'BP-697-huyen', validFrom: '2000-01-01', validTo: '2022-10-01' },
  { code: 'BP-UBND-697', name: 'Ủy ban nhân dân thị xã Chơn Thành', nameEn: 'Chơn Thành Town People\'s Committee', kind: 'people_committee', unitCode: '697', validFrom: '2022-10-01', validTo: '2025-07-01' },
  { code: 'BP-UBND-698', name: 'Ủy ban nhân dân huyện Phú Riềng', nameEn: 'Phú Riềng District People\'s Committee', kind: 'people_committee', unitCode: '698', validFrom: '2000-01-01', validTo: '2025-07-01' },

  // ---- Đồng Nai (merged) from 2025-07-01
  { code: 'DN-UBND', name: 'Ủy ban nhân dân tỉnh Đồng Nai', nameEn: 'Đồng Nai Provincial People\'s Committee', kind: 'people_committee', unitCode: '75', validFrom: '2025-07-01', validTo: null },
  { code: 'DN-VP-UBND', name: 'Văn phòng Ủy ban nhân dân tỉnh Đồng Nai', nameEn: 'Office of the Đồng Nai Provincial People\'s Committee', kind: 'department', unitCode: '75', validFrom: '2025-07-01', validTo: null },
  { code: 'DN-STC', name: 'Sở Tài chính tỉnh Đồng Nai', nameEn: 'Đồng Nai Department of Finance', kind: 'department', unitCode: '75', validFrom: '2025-07-01', validTo: null }, // includes former Planning and Investment
  { code: 'DN-SXD', name: 'Sở Xây dựng tỉnh Đồng Nai', nameEn: 'Đồng Nai Department of Construction', kind: 'department', unitCode: '75', validFrom: '2025-07-01', validTo: null }, // includes former Transport
  { code: 'DN-SNNMT', name: 'Sở Nông nghiệp và Môi trường tỉnh Đồng Nai', nameEn: 'Đồng Nai Department of Agriculture and Environment', kind: 'department', unitCode: '75', validFrom: '2025-07-01', validTo: null },
  { code: 'DN-SKHCN', name: 'Sở Khoa học và Công nghệ tỉnh Đồng Nai', nameEn: 'Đồng Nai Department of Science and Technology', kind: 'department', unitCode: '75', validFrom: '2025-07-01', validTo: null }, // includes former Information and Communications
  { code: 'DN-SNV', name: 'Sở Nội vụ tỉnh Đồng Nai', nameEn: 'Đồng Nai Department of Home Affairs', kind: 'department', unitCode: '75', validFrom: '2025-07-01', validTo: null }, // includes former Labour, War Invalids and Social Affairs
  { code: 'DN-SYT', name: 'Sở Y tế tỉnh Đồng Nai', nameEn: 'Đồng Nai Department of Health', kind: 'department', unitCode: '75', validFrom: '2025-07-01', validTo: null },
  { code: 'DN-SGDDT', name: 'Sở Giáo dục và Đào tạo tỉnh Đồng Nai', nameEn: 'Đồng Nai Department of Education and Training', kind: 'department', unitCode: '75', validFrom: '2025-07-01', validTo: null },
  { code: 'DN-CA', name: 'Công an tỉnh Đồng Nai', nameEn: 'Đồng Nai Provincial Police', kind: 'police', unitCode: '75', validFrom: '2025-07-01', validTo: null },
  { code: 'DN-UBND-p-dong-xoai', name: 'Ủy ban nhân dân phường Đồng Xoài', nameEn: 'Đồng Xoài Ward People\'s Committee', kind: 'people_committee', unitCode: 'DN-new-p-dong-xoai', validFrom: '2025-07-01', validTo: null },
  { code: 'DN-UBND-p-binh-phuoc', name: 'Ủy ban nhân dân phường Bình Phước', nameEn: 'Bình Phước Ward People\'s Committee', kind: 'people_committee', unitCode: 'DN-new-p-binh-phuoc', validFrom: '2025-07-01', validTo: null },
  { code: 'DN-UBND-p-phuoc-long', name: 'Ủy ban nhân dân phường Phước Long', nameEn: 'Phước Long Ward People\'s Committee', kind: 'people_committee', unitCode: 'DN-new-p-phuoc-long', validFrom: '2025-07-01', validTo: null },
  { code: 'DN-UBND-p-binh-long', name: 'Ủy ban nhân dân phường Bình Long', nameEn: 'Bình Long Ward People\'s Committee', kind: 'people_committee', unitCode: 'DN-new-p-binh-long', validFrom: '2025-07-01', validTo: null },
  { code: 'DN-UBND-p-chon-thanh', name: 'Ủy ban nhân dân phường Chơn Thành', nameEn: 'Chơn Thành Ward People\'s Committee', kind: 'people_committee', unitCode: 'DN-new-p-chon-thanh', validFrom: '2025-07-01', validTo: null },
  { code: 'DN-UBND-x-loc-ninh', name: 'Ủy ban nhân dân xã Lộc Ninh', nameEn: 'Lộc Ninh Commune People\'s Committee', kind: 'people_committee', unitCode: 'DN-new-x-loc-ninh', validFrom: '2025-07-01', validTo: null },
  { code: 'DN-UBND-x-bu-dang', name: 'Ủy ban nhân dân xã Bù Đăng', nameEn: 'Bù Đăng Commune People\'s Committee', kind: 'people_committee', unitCode: 'DN-new-x-bu-dang', validFrom: '2025-07-01', validTo: null },
];

/**
 * Simplified, hand-drawn approximate outlines (closed rings, [lon, lat]). SYNTHETIC — for map
 * context only, not legal boundaries. '70' = pre-2025 Bình Phước; 'DN-old-75' = pre-2025 Đồng Nai.
 * The two rings share their common border (Bình Phước's south/south-east edge).
 */
export const provinceOutlines: Record<string, [number, number][]> = {
  '70': [
    [106.420, 11.620], [106.440, 11.750], [106.420, 11.850], [106.440, 11.970], [106.500, 12.030],
    [106.600, 12.010], [106.700, 12.000], [106.780, 12.050], [106.860, 12.120], [106.950, 12.080],
    [107.030, 12.120], [107.100, 12.220], [107.200, 12.300], [107.290, 12.250], [107.300, 12.120],
    [107.340, 12.020], [107.430, 11.920], [107.420, 11.800], [107.410, 11.680], [107.360, 11.580],
    [107.250, 11.550], [107.150, 11.500], [107.080, 11.420], [107.020, 11.330], [106.950, 11.300],
    [106.870, 11.340], [106.780, 11.380], [106.700, 11.360], [106.620, 11.360], [106.560, 11.420],
    [106.500, 11.500], [106.450, 11.550], [106.420, 11.620],
  ],
  'DN-old-75': [
    [106.950, 11.300], [107.020, 11.330], [107.080, 11.420], [107.150, 11.500], [107.250, 11.550],
    [107.360, 11.580], [107.450, 11.550], [107.520, 11.400], [107.570, 11.200], [107.550, 11.000],
    [107.560, 10.800], [107.480, 10.700], [107.300, 10.620], [107.150, 10.600], [107.000, 10.620],
    [106.880, 10.600], [106.760, 10.680], [106.780, 10.800], [106.800, 10.900], [106.760, 10.980],
    [106.800, 11.080], [106.880, 11.120], [106.920, 11.200], [106.950, 11.300],
  ],
};
