// Sign-in with lockout, sessions, and turning a session cookie or an API key into an actor.
import type { CurrentUser, Role, Session } from '../../../shared/contracts/auth.js';
import { type Actor, permissionsOf } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import { readCacheOf } from '../../core/read-cache.js';
import type { Db } from '../../db/client.js';
import {
  deleteSession, findLiveApiKeyByHash, findSessionActor, findUserById, findUserForLogin, insertSession, recordFailedLogin, recordLogin, touchApiKey, touchSession,
} from './accounts.queries.js';
import { randomToken, sha256, verifyDecoy, verifyPassword } from './secrets.js';

export const FREE_ATTEMPTS = 5;
export const MAX_LOCK_MS = 60 * 60 * 1000;

/** After FREE_ATTEMPTS failures in a row, each further failure locks the account twice as long (1 min … 1 h). */
export function lockDuration(failedLogins: number): number {
  if (failedLogins < FREE_ATTEMPTS) return 0;
  return Math.min(60_000 * 2 ** (failedLogins - FREE_ATTEMPTS), MAX_LOCK_MS);
}

export function toCurrentUser(a: Actor & { username: string }): CurrentUser {
  return {
    id: a.id!, username: a.username, displayName: a.name, role: a.role, scopeUnitId: a.scopeUnitId, scopeUnitName: a.scopeUnitName,
    scopePath: a.scopePath, agencyId: a.agencyId, permissions: permissionsOf(a.role),
  };
}

interface Origin { ip: string | null; userAgent: string | null; requestId: string | null }

export async function login(db: Db, username: string, password: string, origin: Origin, sessionHours: number): Promise<{ token: string; session: Session; expiresAt: Date }> {
  const user = await findUserForLogin(db, username.trim().toLowerCase());
  const who: Actor = { type: 'user', id: user?.id ?? null, name: username.slice(0, 100), role: 'viewer', scopeUnitId: user?.scopeUnitId ?? '', scopeUnitName: '', scopePath: '', agencyId: null };
  if (!user) {
    await verifyDecoy(password);
    await audit(db, { actor: who, ip: origin.ip, requestId: origin.requestId }, { action: 'auth.login-failed', entityType: 'user', entityId: null, unitPath: null, after: { reason: 'unknown-user' } });
    throw new AppError('invalid-credentials');
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    const retryAfterSeconds = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000);
    throw new AppError('account-locked', { retryAfterSeconds });
  }
  const ok = !user.disabled && await verifyPassword(user.passwordHash, password);
  if (!ok) {
    const lockMs = lockDuration(user.failedLogins + 1);
    await recordFailedLogin(db, user.id, lockMs ? new Date(Date.now() + lockMs) : null);
    await audit(db, { actor: who, ip: origin.ip, requestId: origin.requestId }, {
      action: 'auth.login-failed', entityType: 'user', entityId: user.id, unitPath: null, after: { reason: user.disabled ? 'disabled' : 'wrong-password', failedLogins: user.failedLogins + 1 },
    });
    throw new AppError('invalid-credentials');
  }
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(Date.now() + sessionHours * 3600_000);
  await db.transaction(async (tx) => {
    await recordLogin(tx, user.id);
    await insertSession(tx, { tokenHash: sha256(token), userId: user.id, csrfToken, ip: origin.ip, userAgent: origin.userAgent?.slice(0, 300) ?? null, expiresAt });
    await audit(tx, { actor: { ...who, name: user.displayName }, ip: origin.ip, requestId: origin.requestId }, { action: 'auth.login', entityType: 'user', entityId: user.id, unitPath: null });
  });
  const full = (await findUserById(db, user.id))!;
  const actor: Actor & { username: string } = {
    type: 'user', id: full.id, username: full.username, name: full.displayName, role: full.role as Role,
    scopeUnitId: full.scopeUnitId, scopeUnitName: full.scopeUnitName, scopePath: full.scopePath, agencyId: full.agencyId,
  };
  return { token, expiresAt, session: { user: toCurrentUser(actor), csrfToken } };
}

export async function logout(db: Db, token: string): Promise<void> {
  await deleteSession(db, sha256(token));
}

const TOUCH_EVERY_MS = 60_000;

export async function actorFromSessionToken(db: Db, token: string): Promise<{ actor: Actor & { username: string }; csrfToken: string } | null> {
  const hash = sha256(token);
  const row = await findSessionActor(db, hash);
  if (!row || row.disabled) return null;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(db, hash);
  return {
    actor: {
      type: 'user', id: row.userId, username: row.username, name: row.displayName, role: row.role as Role,
      scopeUnitId: row.scopeUnitId, scopeUnitName: row.scopeUnitName, scopePath: row.scopePath, agencyId: row.agencyId,
    },
    csrfToken: row.csrfToken,
  };
}

const lastTouched = new Map<string, number>();

/**
 * The live key of a secret, kept in the read cache until an accounts or units event (a key created or
 * revoked, a unit renamed or moved), in every process: an integrator posting hundreds of reports a second
 * sends the same key each time. Expiry is checked on every use.
 */
export async function actorFromApiKey(db: Db, secret: string): Promise<Actor | null> {
  const hash = sha256(secret);
  const key = await readCacheOf(db).read(`api-key:${hash}`, ['accounts', 'units'], () => findLiveApiKeyByHash(db, hash));
  if (!key || (key.expiresAt !== null && key.expiresAt.getTime() <= Date.now())) return null;
  const now = Date.now();
  if ((lastTouched.get(key.id) ?? 0) < now - TOUCH_EVERY_MS) {
    lastTouched.set(key.id, now);
    await touchApiKey(db, key.id);
  }
  return {
    type: 'api_key', id: key.id, name: `key:${key.name}`, role: key.role as Role,
    scopeUnitId: key.scopeUnitId, scopeUnitName: key.scopeUnitName, scopePath: key.scopePath, agencyId: key.agencyId,
  };
}
