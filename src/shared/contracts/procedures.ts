// Administrative procedures (thủ tục hành chính): the catalog dossiers refer to.
import { z } from 'zod';
import { Uuid } from './common.js';

export const onlineLevels = ['full', 'partial', 'none'] as const;
export const OnlineLevel = z.enum(onlineLevels);
export type OnlineLevel = z.infer<typeof OnlineLevel>;

/** On input, the older labels too: dịch vụ công trực tuyến mức độ 4 = full, 3 = partial, 2 and 1 = none. */
export const OnlineLevelInput = z.enum([...onlineLevels, 'level4', 'level3', 'level2', 'level1'])
  .transform((v): OnlineLevel => (v === 'level4' ? 'full' : v === 'level3' ? 'partial' : v === 'level2' || v === 'level1' ? 'none' : v));

export const procedureLevels = ['province', 'district', 'commune'] as const;
export const ProcedureLevel = z.enum(procedureLevels);
export type ProcedureLevel = z.infer<typeof ProcedureLevel>;

export const Procedure = z.object({
  id: Uuid,
  code: z.string(),
  nationalCode: z.string().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  field: z.string(),
  level: ProcedureLevel,
  processingDays: z.number().int(),
  onlineLevel: OnlineLevel,
  agencyId: Uuid.nullable(),
  agencyName: z.string().nullable(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type Procedure = z.infer<typeof Procedure>;

const BooleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ListProceduresQuery = z.strictObject({
  q: z.string().max(100).optional(),                 // code, national code or name (diacritics-insensitive)
  field: z.string().max(100).optional(),
  level: ProcedureLevel.optional(),
  onlineLevel: OnlineLevelInput.optional(),
  agencyId: Uuid.optional(),
  active: BooleanQuery.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListProceduresQuery = z.infer<typeof ListProceduresQuery>;

export const ProcedureFields = z.object({ items: z.array(z.object({ field: z.string(), procedures: z.number().int() })) });
export type ProcedureFields = z.infer<typeof ProcedureFields>;

const Code = z.string().trim().min(1).max(60).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . - and _ only');

export const CreateProcedureBody = z.strictObject({
  code: Code,
  nationalCode: z.string().trim().max(40).nullable().optional(),
  name: z.string().trim().min(1).max(500),
  nameEn: z.string().trim().max(500).nullable().optional(),
  field: z.string().trim().min(1).max(100),
  level: ProcedureLevel,
  processingDays: z.number().int().min(0).max(365),
  onlineLevel: OnlineLevelInput,
  agencyId: Uuid.nullable().optional(),
  active: z.boolean().optional(),
});
export type CreateProcedureBody = z.infer<typeof CreateProcedureBody>;

export const UpdateProcedureBody = CreateProcedureBody.omit({ code: true }).partial().strict();
export type UpdateProcedureBody = z.infer<typeof UpdateProcedureBody>;
