import { z } from 'zod';
import { Role } from './auth.js';
import { Uuid } from './common.js';

export const User = z.object({
  id: Uuid,
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: Role,
  scopeUnitId: Uuid,
  scopeUnitName: z.string(),
  agencyId: Uuid.nullable(),
  agencyName: z.string().nullable(),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const Username = z.string().min(3).max(50).regex(/^[a-z0-9._-]+$/, 'lowercase letters, digits, . _ -');
export const Password = z.string().min(10).max(200);

export const CreateUserBody = z.strictObject({
  username: Username,
  displayName: z.string().min(1).max(200),
  email: z.string().email().nullable().optional(),
  role: Role,
  scopeUnitId: Uuid,
  agencyId: Uuid.nullable().optional(),
  password: Password.optional(), // generated and returned once when omitted
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;
export const CreatedUser = z.object({ user: User, generatedPassword: z.string().nullable() });

export const UpdateUserBody = z.strictObject({
  displayName: z.string().min(1).max(200).optional(),
  email: z.string().email().nullable().optional(),
  role: Role.optional(),
  scopeUnitId: Uuid.optional(),
  agencyId: Uuid.nullable().optional(),
  disabled: z.boolean().optional(),
  password: Password.optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ApiKey = z.object({
  id: Uuid,
  name: z.string(),
  prefix: z.string(),       // first characters of the key, to recognise it
  role: Role,
  scopeUnitId: Uuid,
  scopeUnitName: z.string(),
  agencyId: Uuid.nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const CreateApiKeyBody = z.strictObject({
  name: z.string().min(1).max(100),
  role: Role,
  scopeUnitId: Uuid,
  agencyId: Uuid.nullable().optional(),
  expiresAt: z.string().datetime({ offset: true }).nullable().optional(),
});
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBody>;
// The secret is shown once; only its hash is stored.
export const CreatedApiKey = z.object({ apiKey: ApiKey, secret: z.string() });
