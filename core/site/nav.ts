import type { NavEntry } from '../http/env.ts';
import type { Locale } from '../i18n/messages.ts';
import { siteMessages } from './messages.ts';

type NavLabel = 'navHome' | 'navAdminHome' | 'navMembers' | 'navPlugins' | 'navAudit' | 'navProjects' | 'navOrganisations' | 'navAskForHelp' | 'navVolunteer' | 'navReview' | 'navDistricts' | 'navHours' | 'navDashboard' | 'navSpotChecks' | 'navCertificates' | 'navStars' | 'navTransfers' | 'navMessages' | 'navApiKeys' | 'navWebhooks';
type CoreEntry = { path: string; label: NavLabel; permission?: string; group: 'main' | 'admin' };

const ENTRIES: CoreEntry[] = [
  { path: '/', label: 'navHome', group: 'main' },
  { path: '/projects', label: 'navProjects', group: 'main' },
  { path: '/organisations', label: 'navOrganisations', group: 'main' },
  { path: '/needs/new', label: 'navAskForHelp', group: 'main' },
  { path: '/volunteer/profile', label: 'navVolunteer', group: 'main' },
  { path: '/volunteer/hours', label: 'navHours', permission: 'service_hours.own', group: 'main' },
  { path: '/admin', label: 'navAdminHome', permission: 'tenant.manage', group: 'admin' },
  { path: '/admin/organisations', label: 'navReview', permission: 'organisations.review', group: 'admin' },
  { path: '/admin/dashboard', label: 'navDashboard', permission: 'dashboard.read', group: 'admin' },
  { path: '/admin/spot-checks', label: 'navSpotChecks', permission: 'spot_checks.manage', group: 'admin' },
  { path: '/admin/certificates', label: 'navCertificates', permission: 'service_records.oversee', group: 'admin' },
  { path: '/admin/star-levels', label: 'navStars', permission: 'service_records.oversee', group: 'admin' },
  { path: '/admin/transfers', label: 'navTransfers', permission: 'service_records.oversee', group: 'admin' },
  { path: '/admin/districts', label: 'navDistricts', permission: 'districts.manage', group: 'admin' },
  { path: '/admin/members', label: 'navMembers', permission: 'members.manage', group: 'admin' },
  { path: '/admin/plugins', label: 'navPlugins', permission: 'plugins.manage', group: 'admin' },
  { path: '/admin/audit', label: 'navAudit', permission: 'audit.read', group: 'admin' },
  { path: '/admin/messages', label: 'navMessages', permission: 'messages.read', group: 'admin' },
  { path: '/admin/api-keys', label: 'navApiKeys', permission: 'api_keys.manage', group: 'admin' },
  { path: '/admin/webhooks', label: 'navWebhooks', permission: 'webhooks.manage', group: 'admin' },
];

export function coreNav(base: string, locale: Locale, permissions: ReadonlySet<string>, group: 'main' | 'admin'): NavEntry[] {
  const t = siteMessages[locale];
  return ENTRIES.filter((e) => e.group === group && (!e.permission || permissions.has(e.permission))).map((e) => ({
    href: `${base}${e.path}`,
    label: t[e.label],
    group: e.group,
  }));
}
