// Users and API keys: created, changed and revoked only within the acting admin's scope.
import { uuidv7 } from 'uuidv7';
import type { ApiKey, CreateApiKeyBody, CreateUserBody, UpdateUserBody, User } from '../../../shared/contracts/accounts.js';
import type { Role } from '../../../shared/contracts/auth.js';
import { assertVisible, assertWithinScope, can, rolePermissions } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { findVisibleAgency } from '../units/agencies.service.js';
import { findVisibleUnit } from '../units/units.service.js';
import {
  type ApiKeyRecord, deleteSessionsOfUser, findApiKeyById, findUserById, findUserForLogin, insertApiKey, insertUser, listApiKeys, listUsers,
  revokeApiKeyRow, updateUserRow, type UserRecord, usersScopedToUnits,
} from './accounts.queries.js';
import { generatePassword, hashPassword, newApiKeySecret, sha256 } from './secrets.js';

function toUser(r: UserRecord): User {
  return {
    id: r.id, username: r.username, displayName: r.displayName, email: r.email, role: r.role as Role, scopeUnitId: r.scopeUnitId,
    scopeUnitName: r.scopeUnitName, agencyId: r.agencyId, agencyName: r.agencyName, disabled: r.disabled,
    lastLoginAt: r.lastLoginAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString(),
  };
}

function toApiKey(r: ApiKeyRecord): ApiKey {
  return {
    id: r.id, name: r.name, prefix: r.prefix, role: r.role as Role, scopeUnitId: r.scopeUnitId, scopeUnitName: r.scopeUnitName, agencyId: r.agencyId,
    createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null, revokedAt: r.revokedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
  };
}

/** Nobody grants what they do not hold: a role with a permission the actor lacks is refused. */
function assertGrantable(ctx: RequestContext, role: Role): void {
  const mine = new Set(rolePermissions[ctx.actor.role]);
  if (!rolePermissions[role].every((p) => mine.has(p))) throw new AppError('forbidden');
}

async function checkScopeAndAgency(ctx: RequestContext, tx: DbOrTx, scopeUnitId: string, agencyId: string | null | undefined) {
  const unit = await findVisibleUnit(ctx, tx, scopeUnitId).catch(() => { throw new AppError('out-of-scope'); });
  assertWithinScope(ctx.actor, unit.path);
  if (agencyId) {
    const agency = await findVisibleAgency(ctx, tx, agencyId).catch(() => { throw new AppError('out-of-scope'); });
    if (!agency.unitPath.startsWith(unit.path)) {
      throw new AppError('validation-failed', { errors: [{ path: 'body.agencyId', message: 'the agency must belong to the scope unit’s subtree' }] });
    }
  }
  return unit;
}

async function findVisibleUser(ctx: RequestContext, db: DbOrTx, id: string): Promise<UserRecord> {
  const user = await findUserById(db, id);
  if (!user) throw new AppError('not-found');
  assertVisible(ctx.actor, user.scopePath);
  return user;
}

export async function listUsersFor(ctx: RequestContext): Promise<{ items: User[]; total: number }> {
  can(ctx.actor, 'users:manage');
  const rows = await listUsers(ctx.db, ctx.actor.scopePath);
  return { items: rows.map(toUser), total: rows.length };
}

export async function createUser(ctx: RequestContext, body: CreateUserBody): Promise<{ user: User; generatedPassword: string | null }> {
  can(ctx.actor, 'users:manage');
  assertGrantable(ctx, body.role);
  const generatedPassword = body.password ? null : generatePassword();
  const passwordHash = await hashPassword(body.password ?? generatedPassword!);
  return ctx.db.transaction(async (tx) => {
    const unit = await checkScopeAndAgency(ctx, tx, body.scopeUnitId, body.agencyId);
    if (await findUserForLogin(tx, body.username)) throw new AppError('duplicate-username');
    const id = uuidv7();
    await insertUser(tx, {
      id, username: body.username, displayName: body.displayName.normalize('NFC'), email: body.email ?? null, passwordHash, role: body.role,
      scopeUnitId: body.scopeUnitId, agencyId: body.agencyId ?? null,
    });
    const user = toUser((await findUserById(tx, id))!);
    await audit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: id, unitPath: unit.path, after: user });
    await ctx.publish(tx, { topic: 'accounts', type: 'user.created', unitPath: unit.path, ids: [id], data: { name: user.displayName } });
    return { user, generatedPassword };
  });
}

export async function updateUser(ctx: RequestContext, id: string, body: UpdateUserBody): Promise<User> {
  can(ctx.actor, 'users:manage');
  if (body.role) assertGrantable(ctx, body.role);
  const passwordHash = body.password ? await hashPassword(body.password) : undefined;
  return ctx.db.transaction(async (tx) => {
    const before = await findVisibleUser(ctx, tx, id);
    assertGrantable(ctx, before.role as Role);
    if (id === ctx.actor.id && (body.disabled || (body.role && body.role !== before.role) || body.scopeUnitId)) {
      throw new AppError('forbidden', { title: 'You cannot change your own role, scope or access.', detail: 'Bạn không thể tự thay đổi vai trò, phạm vi hoặc khóa tài khoản của chính mình.' });
    }
    const scopeUnitId = body.scopeUnitId ?? before.scopeUnitId;
    const agencyId = body.agencyId !== undefined ? body.agencyId : before.agencyId;
    const unit = await checkScopeAndAgency(ctx, tx, scopeUnitId, agencyId);
    await updateUserRow(tx, id, {
      ...(body.displayName !== undefined ? { displayName: body.displayName.normalize('NFC') } : {}),
      ...(body.email !== undefined ? { email: body.email } : {}),
      ...(body.role !== undefined ? { role: body.role } : {}),
      ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
      ...(passwordHash ? { passwordHash, failedLogins: 0, lockedUntil: null } : {}),
      scopeUnitId, agencyId,
    });
    // Any change of access ends the user's sessions so that it takes effect at once.
    if (body.disabled || body.role || body.scopeUnitId || passwordHash) await deleteSessionsOfUser(tx, id);
    const after = toUser((await findUserById(tx, id))!);
    await audit(tx, ctx, {
      action: 'user.update', entityType: 'user', entityId: id, unitPath: unit.path, before: toUser(before),
      after: { ...after, ...(passwordHash ? { passwordChanged: true } : {}) },
    });
    await ctx.publish(tx, { topic: 'accounts', type: 'user.updated', unitPath: unit.path, ids: [id], data: { name: after.displayName } });
    return after;
  });
}

export async function listApiKeysFor(ctx: RequestContext): Promise<{ items: ApiKey[]; total: number }> {
  can(ctx.actor, 'apikeys:manage');
  const rows = await listApiKeys(ctx.db, ctx.actor.scopePath);
  return { items: rows.map(toApiKey), total: rows.length };
}

export async function createApiKey(ctx: RequestContext, body: CreateApiKeyBody): Promise<{ apiKey: ApiKey; secret: string }> {
  can(ctx.actor, 'apikeys:manage');
  assertGrantable(ctx, body.role);
  return ctx.db.transaction(async (tx) => {
    const unit = await checkScopeAndAgency(ctx, tx, body.scopeUnitId, body.agencyId);
    const id = uuidv7();
    const secret = newApiKeySecret();
    await insertApiKey(tx, {
      id, name: body.name, prefix: secret.slice(0, 10), keyHash: sha256(secret), role: body.role, scopeUnitId: body.scopeUnitId,
      agencyId: body.agencyId ?? null, createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
    });
    const apiKey = toApiKey((await findApiKeyById(tx, id))!);
    await audit(tx, ctx, { action: 'apikey.create', entityType: 'api_key', entityId: id, unitPath: unit.path, after: apiKey });
    await ctx.publish(tx, { topic: 'accounts', type: 'apikey.created', unitPath: unit.path, ids: [id], data: { name: apiKey.name } });
    return { apiKey, secret };
  });
}

export async function revokeApiKey(ctx: RequestContext, id: string): Promise<ApiKey> {
  can(ctx.actor, 'apikeys:manage');
  return ctx.db.transaction(async (tx) => {
    const before = await findApiKeyById(tx, id);
    if (!before) throw new AppError('not-found');
    assertVisible(ctx.actor, before.scopePath);
    if (!before.revokedAt) await revokeApiKeyRow(tx, id);
    const after = toApiKey((await findApiKeyById(tx, id))!);
    await audit(tx, ctx, { action: 'apikey.revoke', entityType: 'api_key', entityId: id, unitPath: before.scopePath, before: toApiKey(before), after });
    await ctx.publish(tx, { topic: 'accounts', type: 'apikey.revoked', unitPath: before.scopePath, ids: [id], data: { name: after.name } });
    return after;
  });
}

/** People to notify about a unit: users scoped exactly to it with one of the roles (for reminders, escalations). */
export async function usersResponsibleFor(db: DbOrTx, unitIds: string[], roles: Role[]) {
  return usersScopedToUnits(db, unitIds, roles);
}
