import { recordAudit, type AuditEntry } from '../audit/service.ts';
import { nudgesOfSavepoint } from '../db/after-commit.ts';
import type { Tx } from '../db/database.ts';
import type { LocalizedText } from '../db/schema/tenancy.ts';
import type { Locale } from '../i18n/messages.ts';
import { ensureAccount, findAccount, type LedgerAccount } from '../ledger/accounts.ts';
import { LedgerError } from '../ledger/errors.ts';
import { lockLedger, postTransfer, postTransfers, reverseTransfer, type Transfer, type TransferRequest } from '../ledger/post.ts';
import { accountMovements, accountMovementsByCode, ledgerHashAt, transferNumbers, type AccountMovements, type ChainPoint } from '../ledger/reads.ts';
import { accountStatement, type StatementLine } from '../ledger/statement.ts';
import type { Tenant } from '../tenancy/tenant.ts';
import { listDistricts } from '../volunteering/shared/districts.ts';
import { verifiedServiceRecords } from '../volunteering/records/verification.ts';
import {
  approvedOrganisationsOf,
  recordWitnessedService,
  revokeWitnessedService,
  witnessedTransferNumbers,
  type PluginOrganisation,
  type RecordWitnessedResult,
  type WitnessedService,
} from '../volunteering/records/plugin-service.ts';
import { recordWebhookEvent } from '../webhooks/outbox.ts';
import type { CityEvents, ServiceRecordEvent } from './events.ts';
import { findMember, memberNames, membersWithRole, volunteerFacts, type Member, type VolunteerFacts } from './people.ts';
import { sponsoringFoundations, type SponsoringFoundation } from './sponsors.ts';

/**
 * What a plugin's route handlers, event handlers, jobs and seed see of the core:
 * one object, the same everywhere. It holds no database and no registry: the
 * plugin reaches its city only through `work`, and the ledger only in its units.
 */
export type PluginContext<S = Record<string, unknown>> = {
  city: PluginCity;
  /** Who acts: the signed-in user (in an event, whoever caused it); null for visitors, jobs and seeds. */
  user: PluginUser | null;
  /** Whether `user` holds this permission in this city. */
  can(permission: string): boolean;
  /** This plugin's settings for this city, parsed with its schema once per request (or event, job, seed). */
  settings: S;
  /** Runs work in the city's tenant transaction: in an event, job or seed, the one already open. */
  work<T>(fn: (w: CityWork) => Promise<T>): Promise<T>;
};

export type PluginCity = {
  id: string;
  slug: string;
  names: LocalizedText;
  logoText: string;
  /** The reader's language in a request; the city's default language elsewhere. */
  locale: Locale;
  /** The city's site, `https://host[/t/slug]` without a trailing slash, for links in messages. */
  siteUrl: string;
};

export type PluginUser = { id: string; name: string };

/** One unit of work in the city's tenant transaction. */
export type CityWork = {
  /** The city's tenant transaction, for the plugin's own tables (row-level security keeps it to this city). */
  tx: Tx;
  tenantId: string;
  ledger: PluginLedger;
  audit(entry: AuditEntry): Promise<void>;
  people: CityPeople;
  /** Runs work in a savepoint: when it throws, what it wrote is undone and the rest of the unit stays. */
  savepoint<T>(fn: (w: CityWork) => Promise<T>): Promise<T>;
  /** The city's districts in the order its admin listed them. */
  districts(): Promise<string[]>;
  /** The platform's foundation accounts that sponsor this plugin in this city (id and name only), by name. */
  sponsors(): Promise<SponsoringFoundation[]>;
  service: PluginService;
  /** The plugin's own webhook events (declared in `webhookEvents`), owed to the city's endpoints in this transaction. */
  webhooks: PluginWebhooks;
};

/** Data must hold no more about a person than the API's masked views: ids, never names or contacts. */
export type PluginWebhooks = { emit(type: string, data: Record<string, unknown>): Promise<void> };

/**
 * Volunteer service the plugin witnessed, as core service records: verified at once by
 * the member the plugin names, posted to the ledger, counted on certificates, and
 * announced with `service.verified` like any other. See records/plugin-service.ts.
 */
export type PluginService = {
  /** Approved organisations the member belongs to: the service is recorded under one of them. */
  organisationsOf(userId: string): Promise<PluginOrganisation[]>;
  /** Records and verifies; the same key again returns the first record and changes nothing. */
  recordVerified(service: WitnessedService): Promise<RecordWitnessedResult>;
  /** Reverses what was recorded under the key; false if nothing verified is under it. */
  revoke(key: string, reason: string, decision: { deciderId: string; address: string | null }): Promise<boolean>;
  /** Where the verified service under these keys sits on the public ledger: transfer numbers by key. */
  transferNumbers(keys: readonly string[]): Promise<Map<string, number>>;
};

/** The city's ledger, limited to the units the plugin declared (`ledgerUnits`): any other is refused. */
export type PluginLedger = {
  /** The account with this unit and code, created on first use. */
  ensureAccount(spec: { unit: string; code: string; allowNegative?: boolean }): Promise<LedgerAccount>;
  findAccount(unit: string, code: string): Promise<LedgerAccount | null>;
  /** Takes the city's ledger lock before reading what a posting depends on (see core/ledger/post.ts). */
  lock(): Promise<void>;
  postTransfer(request: TransferRequest): Promise<Transfer>;
  /** Several transfers, all or none, sharing one lock: batch where a flow allows it. */
  postTransfers(requests: readonly TransferRequest[]): Promise<Transfer[]>;
  reverseTransfer(transferId: string, options: { idempotencyKey: string; kind?: string; memo?: TransferRequest['memo'] }): Promise<Transfer>;
  statement(accountIds: readonly string[], options: { limit: number; offset: number }): Promise<{ lines: StatementLine[]; total: number }>;
  movements(accountIds: readonly string[], period?: { from?: Date; until?: Date }): Promise<AccountMovements>;
  /** All-time movements of the account of `unit` with this code (none yet: 0), for a read sent beside others before the account's id is known. */
  movementsByCode(unit: string, code: string): Promise<AccountMovements>;
  /** The city's chain position at an instant, for a disclosure to point to. */
  hashAt(instant: Date): Promise<ChainPoint>;
  /** The chain numbers of these transfers (by id), to link amounts to the public ledger. */
  transferNumbers(transferIds: readonly string[]): Promise<Map<string, number>>;
};

/** What a plugin may know of the city's people and their verified service, without the core's tables. */
export type CityPeople = {
  /** A member by email or mobile number (as they sign in), or null. */
  find(login: string): Promise<Member | null>;
  /** Display names by id; unknown ids are left out. */
  names(ids: readonly string[]): Promise<Map<string, string>>;
  /** Members holding a role, longest-held first. */
  withRole(role: string): Promise<Member[]>;
  volunteerFacts(userId: string): Promise<VolunteerFacts | null>;
  /** Every verified, unrevoked record as `service.verified` carried it: a plugin enabled later catches up with it. */
  verifiedServiceRecords(): Promise<ServiceRecordEvent[]>;
};

/** Who the unit of work is for: the plugin, its ledger units and webhook events, the city's slug, and where the city's events go. */
type WorkFor = { pluginId: string; units: ReadonlySet<string>; webhookEvents: ReadonlySet<string>; citySlug: string; events: CityEvents };

/** The unit of work a plugin gets in `tx`: its ledger posts only in its units. */
export function cityWork(tx: Tx, tenantId: string, plugin: WorkFor): CityWork {
  const { units } = plugin;
  const declared = (unit: string) => {
    if (!units.has(unit)) throw new LedgerError('unit_not_declared', `${unit} is not among this plugin's ledgerUnits`);
  };
  return {
    tx,
    tenantId,
    audit: (entry) => recordAudit(tx, tenantId, entry),
    savepoint: (fn) => tx.transaction((sp) => (nudgesOfSavepoint(tx, sp as Tx), fn(cityWork(sp, tenantId, plugin)))),
    districts: () => listDistricts(tx, tenantId),
    sponsors: () => sponsoringFoundations(tx, tenantId, plugin.pluginId),
    webhooks: {
      emit: async (type, data) => {
        if (!plugin.webhookEvents.has(type)) throw new Error(`${type} is not among the webhookEvents of ${plugin.pluginId}`);
        await recordWebhookEvent(tx, { id: tenantId, slug: plugin.citySlug }, type, data);
      },
    },
    service: {
      organisationsOf: (userId) => approvedOrganisationsOf(tx, tenantId, userId),
      recordVerified: (service) => recordWitnessedService(tx, tenantId, plugin.pluginId, service, plugin.events),
      revoke: (key, reason, decision) => revokeWitnessedService(tx, tenantId, plugin.pluginId, key, reason, decision, plugin.events),
      transferNumbers: (keys) => witnessedTransferNumbers(tx, tenantId, plugin.pluginId, keys),
    },
    ledger: {
      ensureAccount: async (spec) => (declared(spec.unit), ensureAccount(tx, tenantId, spec)),
      findAccount: async (unit, code) => (declared(unit), findAccount(tx, tenantId, unit, code)),
      lock: async () => void (await lockLedger(tx, tenantId)),
      postTransfer: (request) => postTransfer(tx, tenantId, request, { units }),
      postTransfers: (requests) => postTransfers(tx, tenantId, requests, { units }),
      reverseTransfer: (transferId, options) => reverseTransfer(tx, tenantId, transferId, { ...options, units }),
      statement: (accountIds, options) => accountStatement(tx, tenantId, accountIds, options),
      movements: (accountIds, period) => accountMovements(tx, tenantId, accountIds, period),
      movementsByCode: async (unit, code) => (declared(unit), accountMovementsByCode(tx, tenantId, unit, code)),
      hashAt: (instant) => ledgerHashAt(tx, tenantId, instant),
      transferNumbers: (transferIds) => transferNumbers(tx, tenantId, transferIds),
    },
    people: {
      find: (login) => findMember(tx, tenantId, login),
      names: (ids) => memberNames(tx, tenantId, ids),
      withRole: (role) => membersWithRole(tx, tenantId, role),
      volunteerFacts: (userId) => volunteerFacts(tx, tenantId, userId),
      verifiedServiceRecords: () => verifiedServiceRecords(tx, tenantId),
    },
  };
}

export type CityOf = Pick<Tenant, 'id' | 'slug' | 'names' | 'branding' | 'defaultLocale'>;

export function pluginCity(tenant: CityOf, siteUrl: string, locale: Locale = tenant.defaultLocale): PluginCity {
  return { id: tenant.id, slug: tenant.slug, names: tenant.names, logoText: tenant.branding.logoText, locale, siteUrl };
}

/** What of a plugin's definition its context is built from. */
type PluginParts = { id: string; ledgerUnits?: readonly string[]; webhookEvents?: Record<string, unknown> };

/** Runs work in a city's tenant transaction, handing it the raw transaction (the host's side of `work`). */
export type RunInCity = <T>(work: (tx: Tx, tenantId: string) => Promise<T>) => Promise<T>;

/** Builds a plugin's context; the host decides where the transaction comes from. */
export function createPluginContext<S>(parts: {
  city: PluginCity;
  user: PluginUser | null;
  permissions: ReadonlySet<string>;
  settings: S;
  plugin: PluginParts;
  events: CityEvents;
  run: RunInCity;
}): PluginContext<S> {
  const workFor: WorkFor = {
    pluginId: parts.plugin.id,
    units: new Set(parts.plugin.ledgerUnits ?? []),
    webhookEvents: new Set(Object.keys(parts.plugin.webhookEvents ?? {})),
    citySlug: parts.city.slug,
    events: parts.events,
  };
  return {
    city: parts.city,
    user: parts.user,
    can: (permission) => parts.permissions.has(permission),
    settings: parts.settings,
    work: (fn) => parts.run((tx, tenantId) => fn(cityWork(tx, tenantId, workFor))),
  };
}

/** A plugin's context inside a tenant transaction already open, acting for nobody: jobs and demo seeds. */
export function contextInTransaction<S>(
  tx: Tx,
  city: PluginCity,
  settings: S,
  plugin: PluginParts,
  events: CityEvents,
): PluginContext<S> {
  return createPluginContext({ city, user: null, permissions: new Set(), settings, plugin, events, run: (work) => work(tx, city.id) });
}
