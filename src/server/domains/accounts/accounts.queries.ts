import { and, asc, count, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { inSubtree } from '../units/units.queries.js';
import { agencies, units } from '../units/units.table.js';
import { apiKeys, sessions, users } from './accounts.table.js';

const userColumns = {
  id: users.id, username: users.username, displayName: users.displayName, email: users.email, role: users.role,
  scopeUnitId: users.scopeUnitId, scopeUnitName: units.name, scopePath: units.path,
  agencyId: users.agencyId, agencyName: agencies.name,
  disabled: users.disabled, lastLoginAt: users.lastLoginAt, createdAt: users.createdAt, updatedAt: users.updatedAt,
};
export type UserRecord = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

function userSelect(db: DbOrTx) {
  return db.select(userColumns).from(users).innerJoin(units, eq(units.id, users.scopeUnitId)).leftJoin(agencies, eq(agencies.id, users.agencyId));
}

export async function findUserById(db: DbOrTx, id: string) {
  const [row] = await userSelect(db).where(eq(users.id, id));
  return row ?? null;
}

export async function findUserForLogin(db: DbOrTx, username: string) {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row ?? null;
}

export async function countUsers(db: DbOrTx) {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

/** Users whose scope lies inside the given subtree. */
export async function listUsers(db: DbOrTx, scopePath: string) {
  return userSelect(db).where(inSubtree(scopePath)).orderBy(asc(users.username));
}

export async function insertUser(db: DbOrTx, row: typeof users.$inferInsert) {
  await db.insert(users).values(row);
}

export async function updateUserRow(db: DbOrTx, id: string, changes: Partial<typeof users.$inferInsert>) {
  await db.update(users).set({ ...changes, updatedAt: new Date() }).where(eq(users.id, id));
}

export async function recordFailedLogin(db: DbOrTx, id: string, lockedUntil: Date | null) {
  await db.update(users).set({ failedLogins: sql`${users.failedLogins} + 1`, lockedUntil }).where(eq(users.id, id));
}

export async function recordLogin(db: DbOrTx, id: string) {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, id));
}

export async function insertSession(db: DbOrTx, row: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(row);
}

export async function deleteSession(db: DbOrTx, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOfUser(db: DbOrTx, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: DbOrTx) {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}

/** A live session with everything needed to build the actor, in one query per request. */
export async function findSessionActor(db: DbOrTx, tokenHash: string) {
  const [row] = await db.select({
    userId: users.id, username: users.username, displayName: users.displayName, role: users.role, disabled: users.disabled,
    scopeUnitId: users.scopeUnitId, scopeUnitName: units.name, scopePath: units.path, agencyId: users.agencyId,
    csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt,
  }).from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.scopeUnitId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date())));
  return row ?? null;
}

export async function touchSession(db: DbOrTx, tokenHash: string) {
  await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.tokenHash, tokenHash));
}

const apiKeyColumns = {
  id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, role: apiKeys.role, scopeUnitId: apiKeys.scopeUnitId, scopeUnitName: units.name,
  scopePath: units.path, agencyId: apiKeys.agencyId, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt, expiresAt: apiKeys.expiresAt,
};
export type ApiKeyRecord = NonNullable<Awaited<ReturnType<typeof findApiKeyById>>>;

export async function findApiKeyById(db: DbOrTx, id: string) {
  const [row] = await db.select(apiKeyColumns).from(apiKeys).innerJoin(units, eq(units.id, apiKeys.scopeUnitId)).where(eq(apiKeys.id, id));
  return row ?? null;
}

export async function findLiveApiKeyByHash(db: DbOrTx, keyHash: string) {
  const [row] = await db.select(apiKeyColumns).from(apiKeys).innerJoin(units, eq(units.id, apiKeys.scopeUnitId))
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, new Date()))));
  return row ?? null;
}

export async function listApiKeys(db: DbOrTx, scopePath: string) {
  return db.select(apiKeyColumns).from(apiKeys).innerJoin(units, eq(units.id, apiKeys.scopeUnitId)).where(inSubtree(scopePath)).orderBy(desc(apiKeys.createdAt));
}

export async function insertApiKey(db: DbOrTx, row: typeof apiKeys.$inferInsert) {
  await db.insert(apiKeys).values(row);
}

export async function revokeApiKeyRow(db: DbOrTx, id: string) {
  await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, id));
}

export async function touchApiKey(db: DbOrTx, id: string) {
  await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, id));
}

/** Active users whose scope is exactly one of these units, with one of these roles. */
export async function usersScopedToUnits(db: DbOrTx, unitIds: string[], roles: string[]) {
  if (!unitIds.length || !roles.length) return [];
  return db.select({ id: users.id, email: users.email, scopeUnitId: users.scopeUnitId, scopePath: units.path, role: users.role, agencyId: users.agencyId })
    .from(users).innerJoin(units, eq(units.id, users.scopeUnitId))
    .where(and(inArray(users.scopeUnitId, unitIds), inArray(users.role, roles), eq(users.disabled, false)));
}
