import type { Branding, LocalizedText } from '../db/schema/tenancy.ts';
import type { Locale } from '../i18n/messages.ts';

export type Tenant = {
  id: string;
  slug: string;
  names: LocalizedText;
  branding: Branding;
  defaultLocale: Locale;
  /** GB/T 2260 administrative-division code, e.g. `350200` (Xiamen); null when the city has not given one. */
  divisionCode: string | null;
  status: 'active' | 'suspended';
  /** Custom domains; `<slug>.<PLATFORM_DOMAIN>` always works too. */
  hosts: string[];
};

export const SLUG_PATTERN = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;
