import { z } from 'zod';
import { Uuid } from './common.js';

export const roles = ['admin', 'leader', 'operator', 'agency_officer', 'data_clerk', 'call_center_agent', 'viewer'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const LoginBody = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const CurrentUser = z.object({
  id: Uuid,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  scopeUnitId: Uuid,
  scopeUnitName: z.string(),
  scopePath: z.string(),
  agencyId: Uuid.nullable(),
  permissions: z.array(z.string()),
});
export type CurrentUser = z.infer<typeof CurrentUser>;

// The CSRF token must be echoed in the X-CSRF-Token header of every cookie-authenticated write.
export const Session = z.object({ user: CurrentUser, csrfToken: z.string() });
export type Session = z.infer<typeof Session>;
