import type { Context } from 'hono';
import type { AppEnv } from '../http/env.ts';
import type { CityEvents } from './events.ts';
import type { PluginsHandle } from './handle.ts';
import type { EnabledPlugins, PluginRegistry } from './registry.ts';

/** A request's plugins: the installed ones, the ones this city enabled (settings parsed once), and its events. */
export type SitePlugins = {
  registry: PluginRegistry;
  enabled: EnabledPlugins;
  /** Events of this request's city, carrying its user; handlers reuse `enabled`. */
  events: CityEvents;
};

const opened = new WeakMap<PluginsHandle, SitePlugins>();

/** Wraps a request's plugins for the HTTP layer to carry (`c.set('plugins', ...)`). */
export function pluginsHandle(plugins: SitePlugins): PluginsHandle {
  const handle = Object.freeze({}) as PluginsHandle;
  opened.set(handle, plugins);
  return handle;
}

/** This request's plugins. */
export function sitePlugins(c: Pick<Context<AppEnv>, 'get'>): SitePlugins {
  const plugins = opened.get(c.get('plugins'));
  if (!plugins) throw new Error('the plugins of this request were not loaded');
  return plugins;
}
