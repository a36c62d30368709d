import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { TenantUnit } from '../db/tenant-unit.ts';
import type { Locale } from '../i18n/messages.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { PluginsHandle } from '../plugins/handle.ts';
import type { Tenant } from '../tenancy/tenant.ts';

export type CurrentUser = {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  roles: string[];
};

export type NavEntry = { href: string; label: string; group?: 'main' | 'admin' };

export type Flash = { kind: 'success' | 'error' | 'info'; message: string };

/** Variables shared by the city sites and the platform console. */
export type BaseVariables = {
  requestId: string;
  log: Logger;
  config: Config;
  /** The durable job queue: send() outside any tenant transaction (after it commits). */
  jobs: JobQueue;
  locale: Locale;
  /** Path prefix of this site: '' on its own host, '/t/<slug>' on the fallback. */
  base: string;
  flash: Flash | null;
  nav: NavEntry[];
  secureHeadersNonce?: string;
  /** Set by `offerToPageCache`: this answer may be kept for visitors who are not signed in. */
  pageCacheOffer?: boolean;
};

/** A city's site: every handler runs after the tenant, the user and the plugins are resolved. */
export type AppEnv = {
  Variables: BaseVariables & {
    tenant: Tenant;
    /**
     * The request's one tenant transaction (core/http/unit-of-work.ts): this city's rows only, nothing on a
     * city's site, core or plugin, reaches global tables or another city.
     */
    unit: TenantUnit;
    /** The exact origin of this city's site as the browser sees it (the WebAuthn origin). */
    origin: string;
    user: CurrentUser | null;
    sessionId: string | null;
    permissions: ReadonlySet<string>;
    /** The city's plugins for this request; core/plugins/site-plugins.ts opens it. */
    plugins: PluginsHandle;
  };
};

export type PlatformAccount = {
  id: string;
  email: string;
  name: string;
  kind: 'operator' | 'foundation';
  sponsoredPlugins: string[];
};

/** The platform console on the bare platform host. */
export type PlatformEnv = {
  Variables: BaseVariables & { db: Database; account: PlatformAccount | null };
};
