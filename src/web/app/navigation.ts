// The left navigation: one group per domain, in the order operators use them.
export type NavKey =
  | 'overview' | 'indicators' | 'dossiers' | 'feedback'
  | 'sensors' | 'alarms' | 'incidents' | 'cameras' | 'wall' | 'map'
  | 'units' | 'agencies' | 'users' | 'apiKeys' | 'audit';

export interface NavItem { key: NavKey; to: string; permission?: string }
export interface NavGroup { key: 'overview' | 'indicators' | 'dossiers' | 'feedback' | 'operations' | 'admin'; items: NavItem[] }

export const navigation: NavGroup[] = [
  { key: 'overview', items: [{ key: 'overview', to: '/' }] },
  { key: 'indicators', items: [{ key: 'indicators', to: '/indicators' }] },
  { key: 'dossiers', items: [{ key: 'dossiers', to: '/dossiers' }] },
  { key: 'feedback', items: [{ key: 'feedback', to: '/feedback', permission: 'feedback:read' }] },
  {
    key: 'operations',
    items: [
      { key: 'sensors', to: '/operations/sensors' },
      { key: 'alarms', to: '/operations/alarms', permission: 'alarms:read' },
      { key: 'incidents', to: '/operations/incidents', permission: 'incidents:read' },
      { key: 'cameras', to: '/operations/cameras' },
      { key: 'map', to: '/operations/map' },
      { key: 'wall', to: '/operations/wall' },
    ],
  },
  {
    key: 'admin',
    items: [
      { key: 'units', to: '/admin/units' },
      { key: 'agencies', to: '/admin/agencies' },
      { key: 'users', to: '/admin/users', permission: 'users:manage' },
      { key: 'apiKeys', to: '/admin/api-keys', permission: 'apikeys:manage' },
      { key: 'audit', to: '/admin/audit', permission: 'audit:read' },
    ],
  },
];

/** Pages not built yet: they show a placeholder with one sentence on what will be there. */
export const placeholderPages = ['sensors', 'alarms', 'cameras', 'wall'] as const;
export type PlaceholderKey = (typeof placeholderPages)[number];
