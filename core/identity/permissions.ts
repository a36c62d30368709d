import type { LocalizedText } from '../db/schema/tenancy.ts';

/** Roles every city has; plugins may declare more. */
export const CORE_ROLES = {
  city_admin: { 'zh-CN': '城市管理员', en: 'City administrator' },
  social_worker: { 'zh-CN': '社工', en: 'Social worker' },
  org_admin: { 'zh-CN': '组织管理员', en: 'Organisation administrator' },
  volunteer: { 'zh-CN': '志愿者', en: 'Volunteer' },
} satisfies Record<string, LocalizedText>;

export type CoreRole = keyof typeof CORE_ROLES;

/** Core permissions and the roles that hold them. */
export const CORE_PERMISSIONS: Record<string, readonly string[]> = {
  'tenant.manage': ['city_admin'],
  'members.manage': ['city_admin'],
  'plugins.manage': ['city_admin'],
  'audit.read': ['city_admin'],
  /** What the city has sent to people and its status (never the body of a sensitive message). */
  'messages.read': ['city_admin'],
  'organisations.review': ['city_admin'],
  'districts.manage': ['city_admin'],
  /** Full identity card numbers of volunteers (everyone else sees them masked). */
  'volunteers.read_identity': ['city_admin'],
  /** Marking a volunteer's identity document verified, having seen it (organisers, social workers, city admins). */
  'volunteers.verify_identity': ['city_admin', 'social_worker', 'org_admin'],
  /** Residents' needs of the whole city (organisation members see them too). */
  'needs.read': ['city_admin'],
  /** One's own service records, hours and certificates (any signed-in user who volunteers). */
  'service_hours.own': ['volunteer', 'city_admin', 'social_worker', 'org_admin'],
  /** Service records of every organisation: read, export, revoke after a spot check. */
  'service_records.oversee': ['city_admin'],
  'spot_checks.manage': ['city_admin'],
  'dashboard.read': ['city_admin'],
  /** The city's API keys: make, rotate, revoke (core/admin/api-key-routes.tsx). */
  'api_keys.manage': ['city_admin'],
  /** The city's webhook endpoints: register, rotate, disable, delete, read the delivery log and replay (core/webhooks/admin-routes.tsx). */
  'webhooks.manage': ['city_admin'],
};

/** Turns permission → roles grants into the set a user with `roles` holds. */
export function permissionsOf(roles: readonly string[], grants: Record<string, readonly string[]>): Set<string> {
  const held = new Set<string>();
  for (const [permission, grantedTo] of Object.entries(grants)) {
    if (grantedTo.some((r) => roles.includes(r))) held.add(permission);
  }
  return held;
}

/**
 * `permissionsOf` for one installation's grants, each combination of roles worked out once:
 * roles come from a fixed list, so there are few, and every request asks.
 */
export function keptPermissions(grants: Record<string, readonly string[]>): (roles: readonly string[]) => ReadonlySet<string> {
  const kept = new Map<string, ReadonlySet<string>>();
  return (roles) => {
    const key = roles.join('\n');
    let held = kept.get(key);
    if (!held) {
      held = permissionsOf(roles, grants);
      kept.set(key, held);
    }
    return held;
  };
}
