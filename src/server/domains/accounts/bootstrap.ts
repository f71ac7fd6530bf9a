// The first account: 'admin', scoped to the root, created once on an empty database.
import { uuidv7 } from 'uuidv7';
import type { DbOrTx } from '../../db/client.js';
import { countUsers, insertUser } from './accounts.queries.js';
import { generatePassword, hashPassword } from './secrets.js';

export async function ensureFirstAdmin(db: DbOrTx, rootUnitId: string, presetPassword: string | null): Promise<{ created: boolean; password: string | null }> {
  if (await countUsers(db) > 0) return { created: false, password: null };
  const password = presetPassword ?? generatePassword();
  await insertUser(db, {
    id: uuidv7(), username: 'admin', displayName: 'Quản trị hệ thống', passwordHash: await hashPassword(password), role: 'admin', scopeUnitId: rootUnitId,
  });
  return { created: true, password: presetPassword ? null : password };
}
