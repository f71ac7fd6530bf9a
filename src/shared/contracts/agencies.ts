import { z } from 'zod';
import { IsoDate, Uuid } from './common.js';

export const agencyKinds = ['department', 'people_committee', 'police', 'hospital', 'school', 'utility', 'other'] as const;
export const AgencyKind = z.enum(agencyKinds);
export type AgencyKind = z.infer<typeof AgencyKind>;

export const Agency = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: AgencyKind,
  unitId: Uuid,
  unitName: z.string(),
  unitPath: z.string(),
  validFrom: IsoDate,
  validTo: IsoDate.nullable(),
  updatedAt: z.string(),
});
export type Agency = z.infer<typeof Agency>;

export const ListAgenciesQuery = z.strictObject({
  unitId: Uuid.optional(),          // agencies of this unit's subtree
  kind: AgencyKind.optional(),
  q: z.string().max(100).optional(),
  includeEnded: z.coerce.boolean().optional(),
});
export type ListAgenciesQuery = z.infer<typeof ListAgenciesQuery>;

export const CreateAgencyBody = z.strictObject({
  code: z.string().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/),
  name: z.string().min(1).max(200),
  nameEn: z.string().min(1).max(200),
  kind: AgencyKind,
  unitId: Uuid,
  validFrom: IsoDate.optional(),
});
export type CreateAgencyBody = z.infer<typeof CreateAgencyBody>;

export const UpdateAgencyBody = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  nameEn: z.string().min(1).max(200).optional(),
  kind: AgencyKind.optional(),
  validTo: IsoDate.nullable().optional(),
});
export type UpdateAgencyBody = z.infer<typeof UpdateAgencyBody>;
