import type { PluginDefinition } from '../core/plugin-api.ts';

/** The plugins this installation ships. A city runs the ones it enables. */
export const plugins: PluginDefinition[] = [];
