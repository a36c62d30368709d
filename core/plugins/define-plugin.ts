import type { Hono } from 'hono';
import type { z } from 'zod';
import type { LocalizedText } from '../db/schema/tenancy.ts';
import type { BaseVariables } from '../http/env.ts';
import type { PluginApi } from '../api/plugin-resources.ts';
import type { PluginContext } from './context.ts';
import type { CoreEvents } from './events.ts';
import type { FoundationReportReader, FoundationReportSection } from './foundation-report.ts';

/**
 * What a plugin's routes see: the request's plumbing (locale, base path, log)
 * and the plugin's context; no database, no registry. `pluginContext(c)` reads it.
 */
export type PluginEnv = {
  Variables: BaseVariables & {
    /** The exact origin of the city's site as the browser sees it, for links sent elsewhere (a payment gateway's return). */
    origin: string;
    plugin: PluginContext;
  };
};

export type PluginNavEntry = {
  /** Relative to the plugin's mount point: `'/'` is `/p/<id>/`. */
  path: string;
  label: LocalizedText;
  /** Shown only to users holding this permission; omitted means everyone (signed in or not). */
  permission?: string;
  group?: 'main' | 'admin';
};

// Handlers are written as methods: a plugin's handlers take its own settings type and still fit the registry's list.
export type PluginJob<Settings = Record<string, unknown>> = {
  id: string;
  /** When it runs: a 5-field cron in China time (Asia/Shanghai), e.g. '30 3 * * *' for 03:30 daily. */
  cron: string;
  /** Runs once per city that has the plugin enabled, inside that city's transaction, on the job queue (core/jobs). */
  run(ctx: PluginContext<Settings>): Promise<void>;
};

/**
 * What a route parameter names: a kind of the city's rows (`'<plugin id>.<what>'`,
 * or a core kind such as `'user'`), or, for a parameter that names none, why not.
 */
export type RouteIdKind = string | { notACityRow: string };

export type EventHandlers<Settings = Record<string, unknown>> = {
  [E in keyof CoreEvents]?: { handle(event: CoreEvents[E], ctx: PluginContext<Settings>): Promise<void> }['handle'];
};

export type PluginDefinition<S extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>> = {
  id: string;
  version: string;
  name: LocalizedText;
  description?: LocalizedText;
  /** Per-city settings; every field needs a default so `settings.parse({})` works. */
  settings: S;
  /** Labels of the settings fields in the admin form, by key; a missing one falls back to `.describe()` text, then the key. */
  settingsLabels?: Record<string, LocalizedText>;
  /** Labels of the choices of an enum setting, by key then value; a missing one shows the value itself. */
  settingsOptionLabels?: Record<string, Record<string, LocalizedText>>;
  /** Roles this plugin adds to a city, beyond the core ones. */
  roles?: Record<string, LocalizedText>;
  /** Namespaced permissions (`<id>.<what>`) and the roles granted them by default. */
  permissions?: Record<string, readonly string[]>;
  routes?(app: Hono<PluginEnv>): void;
  /**
   * The kind of every route parameter, by the path segment before it and its name
   * (`'funds/:id': 'charity-fund.fund'`). The attack suites read it to send each
   * route real rows of that kind; a parameter left out fails the cross-tenant suite.
   */
  routeIds?: Record<string, RouteIdKind>;
  /**
   * Resources this plugin adds to the city's JSON API, under `/api/v1/p/<id>/`: the
   * scopes a key needs for them (`<id>:<what>`) and routes made with `pluginApiRoute`.
   * They are in the OpenAPI document and attacked like the core's (their parameters in `routeIds`).
   */
  api?: PluginApi;
  /**
   * Events this plugin sends to the city's webhook endpoints (`<plugin id>.<what>`, e.g.
   * `charity-fund.donation.received`), with their labels on the webhooks page; it emits
   * them with `w.webhooks.emit(type, data)`.
   */
  webhookEvents?: Record<string, LocalizedText>;
  nav?: PluginNavEntry[];
  on?: EventHandlers<z.output<S>>;
  /** The ledger units this plugin posts in; its context refuses any other. */
  ledgerUnits?: readonly string[];
  /**
   * What an amount of each of its units is called, after the number, on the city's public
   * ledger (`{ 'zh-CN': '张法治保障卡', en: 'legal-aid cards' }` shows `50 张法治保障卡`); a unit
   * left out shows its code.
   */
  ledgerUnitLabels?: Record<string, LocalizedText>;
  jobs?: PluginJob<z.output<S>>[];
  /**
   * Demo data, so a fresh install shows the plugin working. Runs at every start
   * while SEED_DEMO=1, for each city that has the plugin enabled, inside that
   * city's transaction: it must find out for itself whether it seeded already.
   */
  seed?(ctx: PluginContext<z.output<S>>): Promise<void>;
  /**
   * The plugin's section of the report a sponsoring foundation reads in the platform
   * console, for one city that enabled it: figures only, never a person. Runs in that
   * city's transaction with nobody acting, in the reader's language (`ctx.city.locale`).
   * `reader` is the foundation reading it: show that foundation's part only.
   */
  foundationReport?(ctx: PluginContext<z.output<S>>, reader: FoundationReportReader): Promise<FoundationReportSection>;
};

const ID = /^[a-z][a-z0-9-]{1,40}$/;
const ROUTE_PARAM = /^[^/:]+\/:[A-Za-z]+$/;

/** A plugin's manifest: reading it tells what the plugin can do. */
export function definePlugin<S extends z.ZodType<Record<string, unknown>>>(plugin: PluginDefinition<S>): PluginDefinition<S> {
  if (!ID.test(plugin.id)) throw new Error(`plugin id "${plugin.id}" must be lower-case words joined by dashes`);
  for (const permission of Object.keys(plugin.permissions ?? {})) {
    if (!permission.startsWith(`${plugin.id}.`)) throw new Error(`permission ${permission} must start with "${plugin.id}."`);
  }
  for (const role of Object.keys(plugin.roles ?? {})) {
    if (!role.startsWith(`${plugin.id}.`)) throw new Error(`role ${role} must start with "${plugin.id}."`);
  }
  for (const unit of Object.keys(plugin.ledgerUnitLabels ?? {})) {
    if (!(plugin.ledgerUnits ?? []).includes(unit)) throw new Error(`ledger unit label ${unit} is not among the ledgerUnits of ${plugin.id}`);
  }
  for (const [param, kind] of Object.entries(plugin.routeIds ?? {})) {
    if (!ROUTE_PARAM.test(param)) throw new Error(`route parameter ${param} must be "<segment>/:<name>"`);
    if (typeof kind === 'string' && kind.includes('.') && !kind.startsWith(`${plugin.id}.`)) throw new Error(`id kind ${kind} must start with "${plugin.id}." or be a core kind`);
    if (typeof kind === 'string' ? !kind : !kind.notACityRow) throw new Error(`route parameter ${param} names no city row: say why`);
  }
  for (const scope of Object.keys(plugin.api?.scopes ?? {})) {
    if (!scope.startsWith(`${plugin.id}:`)) throw new Error(`API scope ${scope} must start with "${plugin.id}:"`);
  }
  for (const type of Object.keys(plugin.webhookEvents ?? {})) {
    if (!type.startsWith(`${plugin.id}.`)) throw new Error(`webhook event ${type} must start with "${plugin.id}."`);
  }
  plugin.settings.parse({});
  return plugin;
}
