/**
 * Vietnamese public holidays and make-up working days for public offices (cán bộ, công chức, viên chức),
 * loaded on every database whose holidays table is empty: due dates of dossiers depend on them.
 *
 * Labour Code 2019 (Bộ luật Lao động 45/2019/QH14) art. 112: Tết Dương lịch 1/1 (1 day), Tết Âm lịch
 * (5 days), Chiến thắng 30/4 (1), Quốc tế Lao động 1/5 (1), Quốc khánh 2/9 (2 days: 2/9 and the day before
 * or after), Giỗ Tổ Hùng Vương 10/3 lunar (1). A holiday on a weekend is made up by a day off on the next
 * working day (nghỉ bù). Each year the government (Bộ LĐTBXH until 2025, then Bộ Nội vụ) announces for public
 * offices which weekdays are off and which Saturdays are worked to make up a bridge day (làm bù).
 *
 * Rows that fall on a weekend are listed too (with their names) so a calendar view can show them; they do
 * not change the working-day count. Years 2022–2025 follow the announced schedules. 2026: the fixed days are
 * certain; the rest is marked "verify against the year's official notice".
 */

export interface HolidayEntry {
  day: string;               // YYYY-MM-DD, Vietnam date
  kind: 'holiday' | 'working_day';
  name: string;
  nameEn: string;
}

const h = (day: string, name: string, nameEn: string): HolidayEntry => ({ day, kind: 'holiday', name, nameEn });
const work = (day: string, name: string, nameEn: string): HolidayEntry => ({ day, kind: 'working_day', name, nameEn });

const NEW_YEAR = ['Tết Dương lịch', 'New Year’s Day'] as const;
const TET = ['Tết Nguyên đán', 'Lunar New Year (Tết)'] as const;
const HUNG_KINGS = ['Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings’ Commemoration'] as const;
const VICTORY = ['Ngày Chiến thắng (30/4)', 'Reunification Day (30 April)'] as const;
const LABOUR = ['Ngày Quốc tế Lao động (1/5)', 'International Labour Day (1 May)'] as const;
const NATIONAL = ['Quốc khánh (2/9)', 'National Day (2 September)'] as const;
const off = (day: string, [name, nameEn]: readonly [string, string]) => h(day, name, nameEn);
const inLieu = (day: string, [name, nameEn]: readonly [string, string]) => h(day, `Nghỉ bù ${name}`, `Day off in lieu: ${nameEn}`);
const swapped = (day: string, [name, nameEn]: readonly [string, string]) => h(day, `Nghỉ hoán đổi dịp ${name}`, `Bridge day off: ${nameEn}`);

export const vietnamHolidays: Record<number, HolidayEntry[]> = {
  2022: [
    off('2022-01-01', NEW_YEAR), inLieu('2022-01-03', NEW_YEAR),                      // 1/1 was a Saturday
    // Tết Nhâm Dần: 31/1 (29 tháng Chạp) – 4/2 (mùng 4); off 29/1–6/2 with the weekends.
    off('2022-01-31', TET), off('2022-02-01', TET), off('2022-02-02', TET), off('2022-02-03', TET), off('2022-02-04', TET),
    off('2022-04-10', HUNG_KINGS), inLieu('2022-04-11', HUNG_KINGS),                  // 10/3 lunar was a Sunday
    off('2022-04-30', VICTORY), off('2022-05-01', LABOUR),                            // Saturday and Sunday
    inLieu('2022-05-02', VICTORY), inLieu('2022-05-03', LABOUR),
    off('2022-09-01', NATIONAL), off('2022-09-02', NATIONAL),                         // off 1/9–4/9
  ],
  2023: [
    off('2023-01-01', NEW_YEAR), inLieu('2023-01-02', NEW_YEAR),                      // 1/1 was a Sunday
    // Tết Quý Mão: off 20/1 (29 tháng Chạp) – 26/1 (mùng 5).
    off('2023-01-20', TET), off('2023-01-23', TET), off('2023-01-24', TET), off('2023-01-25', TET), off('2023-01-26', TET),
    // 29/4 (Giỗ Tổ, Saturday), 30/4 (Sunday), 1/5: off 29/4–3/5.
    off('2023-04-29', HUNG_KINGS), off('2023-04-30', VICTORY), off('2023-05-01', LABOUR),
    inLieu('2023-05-02', HUNG_KINGS), inLieu('2023-05-03', VICTORY),
    // 2/9 was a Saturday: off 1/9–4/9.
    off('2023-09-01', NATIONAL), off('2023-09-02', NATIONAL), inLieu('2023-09-04', NATIONAL),
  ],
  2024: [
    off('2024-01-01', NEW_YEAR),
    // Tết Giáp Thìn: off 8/2 (29 tháng Chạp) – 14/2 (mùng 5).
    off('2024-02-08', TET), off('2024-02-09', TET), off('2024-02-12', TET), off('2024-02-13', TET), off('2024-02-14', TET),
    off('2024-04-18', HUNG_KINGS),
    // 30/4 on a Tuesday: Monday 29/4 off, made up on Saturday 4/5 (off 27/4–1/5).
    swapped('2024-04-29', VICTORY), off('2024-04-30', VICTORY), off('2024-05-01', LABOUR),
    work('2024-05-04', 'Làm bù cho ngày 29/4/2024', 'Make-up working day for 29 April 2024'),
    // 2/9 on a Monday: off 31/8–3/9.
    off('2024-09-02', NATIONAL), off('2024-09-03', NATIONAL),
  ],
  2025: [
    off('2025-01-01', NEW_YEAR),
    // Tết Ất Tỵ: off 25/1 – 2/2 (26 tháng Chạp – mùng 5), the weekdays 27/1–31/1, no make-up day.
    off('2025-01-27', TET), off('2025-01-28', TET), off('2025-01-29', TET), off('2025-01-30', TET), off('2025-01-31', TET),
    off('2025-04-07', HUNG_KINGS),
    // 30/4 on a Wednesday: Friday 2/5 off, made up on Saturday 26/4 (off 30/4–4/5).
    work('2025-04-26', 'Làm bù cho ngày 2/5/2025', 'Make-up working day for 2 May 2025'),
    off('2025-04-30', VICTORY), off('2025-05-01', LABOUR), swapped('2025-05-02', LABOUR),
    // 2/9 on a Tuesday: off 30/8–2/9.
    off('2025-09-01', NATIONAL), off('2025-09-02', NATIONAL),
  ],
  2026: [
    off('2026-01-01', NEW_YEAR),
    // Verify against the year's official notice: Tết Bính Ngọ (mùng 1 = 17/2/2026), weekdays 16/2–20/2 off.
    off('2026-02-16', TET), off('2026-02-17', TET), off('2026-02-18', TET), off('2026-02-19', TET), off('2026-02-20', TET),
    // Verify against the year's official notice: 10/3 lunar = Sunday 26/4/2026, day off in lieu Monday 27/4.
    off('2026-04-26', HUNG_KINGS), inLieu('2026-04-27', HUNG_KINGS),
    off('2026-04-30', VICTORY), off('2026-05-01', LABOUR),
    // The second Quốc khánh day (1/9 or 3/9) and any bridge or make-up days of 2026 are not listed:
    // verify against the year's official notice and add them through PUT /api/calendar/holidays/2026.
    off('2026-09-02', NATIONAL),
  ],
};

export function holidaysOfYear(year: number): HolidayEntry[] {
  return vietnamHolidays[year] ?? [];
}
