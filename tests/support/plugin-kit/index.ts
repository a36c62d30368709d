import { and, desc, eq, like } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Config } from '../../../core/config.ts';
import { auditLog } from '../../../core/db/schema/audit.ts';
import { users } from '../../../core/db/schema/identity.ts';
import type { Tx } from '../../../core/db/database.ts';
import { newId } from '../../../core/db/ids.ts';
import { foundationCities } from '../../../core/db/schema/platform.ts';
import { hashPassword } from '../../../core/identity/passwords.ts';
import { createPlatformAccount } from '../../../core/platform/accounts.ts';
import { createUser, findUserByLogin, grantRole } from '../../../core/identity/users.ts';
import type { CityWork, PluginContext } from '../../../core/plugins/context.ts';
import type { PluginDefinition } from '../../../core/plugins/define-plugin.ts';
import { listEnablements, setPluginEnablement } from '../../../core/plugins/enablement.ts';
import type { TenantManifest } from '../../../core/tenancy/manifest.ts';
import { syncTenants } from '../../../core/tenancy/sync.ts';
import type { Tenant } from '../../../core/tenancy/tenant.ts';
import type { ProjectCategory } from '../../../core/volunteering/shared/catalogue.ts';
import * as core from '../../volunteering/fixtures.ts';
import { testCities } from '../cities.ts';
import { TestClient } from '../client.ts';
import { outboxTo } from '../outbox.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';
import { pluginContextIn, pluginWork } from '../plugin-work.ts';
import { signInAs } from '../sign-in.ts';
import { KitLedger } from './ledger.ts';
import { ApiClient, apiKeyOf } from '../api.ts';
import { origin } from './pages.ts';

/**
 * The plugin test kit: everything a test of a plugin needs from the core, so
 * that tests under tests/plugins/ import nothing else of it (only
 * core/plugin-api.ts, like the plugin itself; tests/plugin-boundary.test.ts
 * holds them to that). A kit is the real app on a fresh database with two
 * cities, alpha (甲市) and beta (乙市), each with a city admin and a volunteer
 * (`admin@<slug>.test`, `vol@<slug>.test`, password `password-123`).
 */
export { defineTenant } from '../../../core/tenancy/manifest.ts';
export { DAY_MS } from '../../../core/volunteering/shared/time.ts';
export type { TenantManifest as CityManifest, Tenant as City };
export * from './pages.ts';

export type KitOptions = {
  /** The cities that switch the kit's plugins on when it starts (default alpha and beta); the others keep them off. */
  enabledIn?: string[];
  /** Settings of the plugins in those cities (each plugin fills in its defaults). */
  settings?: Record<string, unknown>;
  /** Cities besides alpha and beta, from manifests (which may enable plugins themselves). */
  moreCities?: TenantManifest[];
  env?: Partial<Config>;
  /** Lets a test read the log. */
  logger?: Logger;
};

/** Starts the test platform with these plugins installed; `close()` in afterAll. */
export async function startPluginKit(plugins: PluginDefinition | PluginDefinition[], options: KitOptions = {}): Promise<PluginKit> {
  const installed = [plugins].flat();
  const platform = await startTestPlatform({ plugins: installed, cities: [...testCities, ...(options.moreCities ?? [])], env: options.env, logger: options.logger });
  const kit = new PluginKit(platform);
  for (const slug of options.enabledIn ?? ['alpha', 'beta']) for (const plugin of installed) await kit.enable(slug, options.settings ?? {}, plugin);
  return kit;
}

export type Person = { client: TestClient; id: string; email: string; name: string };
export type PersonOptions = { roles?: string[]; profile?: boolean; idCardNumber?: string; /** A known address (a demo seed looks its people up by it); a fresh one otherwise. */ email?: string };
/** Someone who runs an approved organisation with a published project, signed in. */
export type Organiser = Person & { slug: string; orgId: string; projectId: string };

/** The platform console answers on the bare platform host. */
const CONSOLE_ORIGIN = 'http://localhost';

export class PluginKit {
  readonly ledger: KitLedger;

  /** A kit around a platform a suite started itself (the resilience suites, with every plugin installed). */
  constructor(private readonly platform: TestPlatform) {
    this.ledger = new KitLedger((slug, work) => this.inCity(slug, work));
  }

  /** The app, for a request no browser would make (a payment gateway's callback). */
  get app() {
    return this.platform.app;
  }

  close() {
    return this.platform.close();
  }

  /** A client of the city's JSON API with a new key of the city holding these scopes (paths relative to /api/v1). */
  async api(slug: string, scopes: string[]): Promise<ApiClient> {
    return new ApiClient(this.platform, slug, await apiKeyOf(this.platform, slug, scopes));
  }

  city(slug: string): Tenant {
    const city = this.platform.cities[slug];
    if (!city) throw new Error(`no test city ${slug}`);
    return city;
  }

  /** The city's tenant transaction, for reading the plugin's own tables. */
  inCity<T>(slug: string, work: (tx: Tx, tenantId: string) => Promise<T>): Promise<T> {
    const id = this.city(slug).id;
    return this.platform.db.tenant(id, (tx) => work(tx, id));
  }

  /** A unit of work in the city, as the plugin's handlers get it from `work` (its ledger in the plugin's units): for calling its services. */
  work<T>(slug: string, fn: (w: CityWork) => Promise<T>, plugin = this.onlyPlugin()): Promise<T> {
    return this.inCity(slug, (tx) => fn(pluginWork(plugin, tx, this.city(slug), this.platform)));
  }

  /** The plugin's context in the city with nobody acting, as its seed and jobs get it, settings parsed with its schema. */
  asJob<S extends z.ZodType<Record<string, unknown>>, T>(
    slug: string,
    fn: (ctx: PluginContext<z.output<S>>) => Promise<T>,
    options: { plugin?: PluginDefinition<S>; settings?: Record<string, unknown> } = {},
  ): Promise<T> {
    const plugin = options.plugin ?? (this.onlyPlugin() as PluginDefinition<S>);
    return this.inCity(slug, (tx) => fn(pluginContextIn(plugin, tx, this.city(slug), this.platform, options.settings)));
  }

  /** Creates (or syncs again) cities from manifests, as the platform does at start. */
  async addCities(manifests: TenantManifest[]): Promise<Tenant[]> {
    const synced = await syncTenants(this.platform.db, manifests, { registry: this.platform.registry, seedDemo: true, site: this.platform.config });
    for (const city of synced) this.platform.cities[city.slug] = city;
    return synced;
  }

  /** Switches a plugin on in a city; `settings` omitted keeps the stored ones. */
  enable(slug: string, settings?: Record<string, unknown>, plugin = this.onlyPlugin()) {
    return this.inCity(slug, (tx, t) => setPluginEnablement(tx, t, plugin, { enabled: true, settings, changedBy: 'test' }));
  }

  disable(slug: string, plugin = this.onlyPlugin()) {
    return this.inCity(slug, (tx, t) => setPluginEnablement(tx, t, plugin, { enabled: false, changedBy: 'test' }));
  }

  /** A plugin's stored settings in a city. */
  async settingsOf(slug: string, plugin = this.onlyPlugin()): Promise<Record<string, unknown>> {
    const row = (await this.inCity(slug, (tx, t) => listEnablements(tx, t))).find((e) => e.pluginId === plugin.id);
    return (row?.settings ?? {}) as Record<string, unknown>;
  }

  /** Someone not signed in, on the city's site. */
  visitor(slug: string): TestClient {
    return new TestClient(this.platform.app, origin(slug));
  }

  /**
   * A new foundation account that sponsors the kit's plugins (or `plugins`) in these cities,
   * signed in to the platform console (the bare platform host), with its account id.
   */
  async foundation(name: string, citySlugs: string[], plugins?: string[]): Promise<TestClient & { foundationId: string }> {
    const email = `${newId()}@foundation.test`;
    const password = 'foundation-pass-2026';
    const passwordHash = await hashPassword(password);
    const sponsoredPlugins = plugins ?? this.platform.registry.all().map((p) => p.id);
    const foundationId = await this.platform.db.platform(async (tx) => {
      const id = await createPlatformAccount(tx, { kind: 'foundation', name, email, passwordHash, sponsoredPlugins });
      for (const slug of citySlugs) await tx.insert(foundationCities).values({ foundationId: id, tenantId: this.city(slug).id, grantedBy: 'platform:test' });
      return id;
    });
    const client = new TestClient(this.platform.app, CONSOLE_ORIGIN);
    const res = await client.post('/sign-in', { email, password });
    if (res.status !== 303) throw new Error(`foundation ${email} could not sign in (${res.status})`);
    return Object.assign(client, { foundationId });
  }

  /** Someone not signed in on the platform console. */
  consoleVisitor(): TestClient {
    return new TestClient(this.platform.app, CONSOLE_ORIGIN);
  }

  /** A new member of the city holding `roles` (a core role or a plugin's), signed in; with `profile`, a volunteer with a completed profile. */
  async person(slug: string, name: string, options: PersonOptions = {}): Promise<Person> {
    const email = options.email ?? `${newId()}@people.test`;
    const id = await this.inCity(slug, async (tx, t) => {
      const userId = await createUser(tx, t, { name, email, passwordHash: null });
      for (const role of options.roles ?? []) await grantRole(tx, t, userId, role);
      return userId;
    });
    if (options.profile) await core.completeProfile(this.platform, slug, id, name, options.idCardNumber ?? null);
    const { client } = await this.signedIn(slug, email);
    return { client, id, email, name };
  }

  /** The city's demo administrator (`admin@<slug>.test`), signed in. */
  cityAdmin(slug: string) {
    return this.signedIn(slug, `admin@${slug}.test`);
  }

  /** The city's demo volunteer (`vol@<slug>.test`), signed in. */
  volunteer(slug: string) {
    return this.signedIn(slug, `vol@${slug}.test`);
  }

  /** A new social worker of the city, signed in. */
  socialWorker(slug: string, name = '社工') {
    return this.person(slug, name, { roles: ['social_worker'] });
  }

  /** An existing member of the city, by email or mobile, signed in. */
  async signedIn(slug: string, login: string): Promise<Person> {
    const client = new TestClient(this.platform.app, origin(slug));
    const user = await signInAs(this.platform, client, slug, login);
    return { client, id: user.id, email: user.email ?? login, name: user.name };
  }

  async grantRole(slug: string, userId: string, role: string): Promise<void> {
    await this.inCity(slug, (tx, t) => grantRole(tx, t, userId, role));
  }

  async userIdOf(slug: string, login: string): Promise<string> {
    const user = await this.inCity(slug, (tx, t) => findUserByLogin(tx, t, login));
    if (!user) throw new Error(`no user ${login} in ${slug}`);
    return user.id;
  }

  /** A new organiser with an organisation the city admin approved and a published project of `category`. */
  async organiser(slug = 'alpha', category: ProjectCategory = 'community_service'): Promise<Organiser> {
    const organiser = await this.person(slug, '组织者');
    const orgId = await core.organisation(this.platform, slug, organiser.id);
    const projectId = await core.project(this.platform, slug, orgId, organiser.id, { category });
    return { ...organiser, slug, orgId, projectId };
  }

  /** A service record of the organiser's project, pending as a claim leaves it. */
  serviceRecord(o: Organiser, volunteerId: string, minutes: number): Promise<string> {
    return core.serviceRecord(this.platform, o.slug, volunteerId, o.projectId, { minutes });
  }

  /** Verifies records as the organiser does on the queue page: the minutes post to the ledger and the core's events fire. */
  verify(o: Organiser, recordIds: string[]) {
    return core.verify(this.platform, o.slug, o.orgId, o.id, recordIds);
  }

  /** Verified service of `minutes` for a volunteer, organised by `o`; returns the record's id. */
  async verifiedService(o: Organiser, volunteerId: string, minutes: number): Promise<string> {
    const recordId = await this.serviceRecord(o, volunteerId, minutes);
    const result = await this.verify(o, [recordId]);
    if (result.verified.length !== 1) throw new Error('record not verified');
    return recordId;
  }

  /** What the outbox holds for an email address or mobile number, newest first: what the person was sent. */
  messagesTo(address: string) {
    return outboxTo(this.platform, address);
  }

  /** This person reads the site in `locale`, so their messages come in it. */
  async readsIn(slug: string, userId: string, locale: 'zh-CN' | 'en'): Promise<void> {
    await this.inCity(slug, (tx, t) => tx.update(users).set({ locale }).where(and(eq(users.tenantId, t), eq(users.id, userId))));
  }

  /** The city's audit entries whose action matches `action` (`%` matches anything). */
  auditEntries(slug: string, action: string) {
    return this.inCity(slug, (tx, t) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t), like(auditLog.action, action))));
  }

  private onlyPlugin(): PluginDefinition {
    const installed = this.platform.registry.all();
    if (installed.length !== 1) throw new Error(`the kit has ${installed.length} plugins installed: say which one`);
    return installed[0]!;
  }
}
