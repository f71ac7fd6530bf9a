// Who is acting, what each role may do, and the scope rule: an actor sees its unit's subtree only.
import { type Role } from '../../shared/contracts/auth.js';
import { AppError } from './errors.js';

export type Permission =
  | 'units:read' | 'units:write'
  | 'agencies:write'
  | 'users:manage' | 'apikeys:manage'
  | 'audit:read'
  | 'hub:subscribe'
  | 'indicators:read' | 'catalog:write' | 'values:enter' | 'values:approve' | 'targets:write'
  | 'dossiers:read' | 'dossiers:ingest' | 'procedures:write' | 'calendar:write'
  | 'feedback:read' | 'feedback:handle' | 'feedback:configure'
  // Real-time operations (issue 6): sensors, alarms, incidents, cameras, the video wall.
  | 'telemetry:read' | 'telemetry:ingest' | 'devices:manage'
  | 'alarms:read' | 'alarms:handle' | 'alarms:configure'
  | 'incidents:read' | 'incidents:handle'
  | 'cameras:read' | 'cameras:manage'
  | 'walls:manage';

const readOnly: Permission[] = ['units:read', 'hub:subscribe', 'indicators:read', 'dossiers:read'];
const operationsRead: Permission[] = ['telemetry:read', 'alarms:read', 'incidents:read', 'cameras:read'];

export const rolePermissions: Record<Role, Permission[]> = {
  admin: ['units:read', 'units:write', 'agencies:write', 'users:manage', 'apikeys:manage', 'audit:read', 'hub:subscribe',
    'indicators:read', 'catalog:write', 'values:enter', 'values:approve', 'targets:write',
    'dossiers:read', 'dossiers:ingest', 'procedures:write', 'calendar:write',
    'feedback:read', 'feedback:handle', 'feedback:configure',
    ...operationsRead, 'telemetry:ingest', 'devices:manage', 'alarms:handle', 'alarms:configure', 'incidents:handle',
    'cameras:manage', 'walls:manage'],
  leader: [...readOnly, 'audit:read', 'values:approve', 'targets:write', 'feedback:read', ...operationsRead],
  // The IOC operator runs the control room: handles alarms and incidents, drives the wall.
  operator: [...readOnly, 'feedback:read', 'feedback:handle', ...operationsRead, 'alarms:handle', 'incidents:handle', 'walls:manage'],
  agency_officer: [...readOnly, 'values:enter', 'values:approve', 'dossiers:ingest', 'feedback:read', 'feedback:handle',
    ...operationsRead, 'telemetry:ingest', 'alarms:handle', 'incidents:handle'],
  data_clerk: [...readOnly, 'values:enter'],
  call_center_agent: [...readOnly, 'feedback:read', 'feedback:handle'],
  viewer: [...readOnly],
};

export interface Actor {
  type: 'user' | 'api_key' | 'system';
  id: string | null;
  name: string;
  role: Role;
  scopeUnitId: string;
  scopeUnitName: string;
  scopePath: string;      // '/70/689/'
  agencyId: string | null;
}

export function permissionsOf(role: Role): Permission[] {
  return rolePermissions[role];
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return rolePermissions[actor.role].includes(permission);
}

/** Throws 403 unless the actor's role grants the permission. */
export function can(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) throw new AppError('forbidden');
}

export function isInScope(scopePath: string, unitPath: string | null): boolean {
  return unitPath !== null && unitPath.startsWith(scopePath);
}

/** For reads: something outside the actor's scope does not exist for them (404, never the record). */
export function assertVisible(actor: Actor, unitPath: string | null): void {
  if (!isInScope(actor.scopePath, unitPath)) throw new AppError('not-found');
}

/** For references in a write (a parent, a user's scope): 403 when it lies outside the actor's scope. */
export function assertWithinScope(actor: Actor, unitPath: string): void {
  if (!isInScope(actor.scopePath, unitPath)) throw new AppError('out-of-scope');
}

export function systemActor(scope: { id: string; name: string; path: string }): Actor {
  return { type: 'system', id: null, name: 'system', role: 'admin', scopeUnitId: scope.id, scopeUnitName: scope.name, scopePath: scope.path, agencyId: null };
}
