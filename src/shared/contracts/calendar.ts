// Public holidays and make-up working days (ngày nghỉ lễ, ngày làm bù) that working-day counts use.
import { z } from 'zod';
import { IsoDate } from './common.js';

export const HolidayKind = z.enum(['holiday', 'working_day']);
export type HolidayKind = z.infer<typeof HolidayKind>;

export const Holiday = z.object({
  day: IsoDate,
  kind: HolidayKind,          // holiday: a day off; working_day: a weekend day worked to make up a bridge day
  name: z.string(),
  nameEn: z.string(),
});
export type Holiday = z.infer<typeof Holiday>;

export const HolidayYear = z.coerce.number().int().min(1990).max(2200);

export const ListHolidaysQuery = z.strictObject({ year: HolidayYear });
export type ListHolidaysQuery = z.infer<typeof ListHolidaysQuery>;

export const HolidayYearParams = z.strictObject({ year: HolidayYear });
export type HolidayYearParams = z.infer<typeof HolidayYearParams>;

export const HolidaysOfYear = z.object({ year: z.number().int(), items: z.array(Holiday) });
export type HolidaysOfYear = z.infer<typeof HolidaysOfYear>;

export const ReplaceHolidaysBody = z.strictObject({
  items: z.array(z.strictObject({
    day: IsoDate,
    kind: HolidayKind,
    name: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
  })).max(100),
});
export type ReplaceHolidaysBody = z.infer<typeof ReplaceHolidaysBody>;
