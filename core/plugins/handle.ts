declare const opened: unique symbol;

/**
 * A request's plugins as the HTTP layer carries them: opaque there, so the
 * HTTP types never name the plugin host. `sitePlugins(c)` (site-plugins.ts) opens it.
 */
export type PluginsHandle = { readonly [opened]: 'plugins' };
