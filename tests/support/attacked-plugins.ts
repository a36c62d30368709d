import type { PluginDefinition } from '../../core/plugins/define-plugin.ts';
import { plugins } from '../../plugins/index.ts';
import { examplePlugin } from './example-plugin.tsx';

/**
 * The plugins the resilience suites install and attack: every plugin the
 * installation ships (plugins/index.ts), so a new one is attacked without
 * editing the suites, and the README's example plugin, so the example is held
 * to what it teaches.
 */
export const attackedPlugins: PluginDefinition[] = [...plugins, examplePlugin];
