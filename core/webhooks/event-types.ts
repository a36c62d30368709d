import type { LocalizedText } from '../db/schema/tenancy.ts';
import type { PluginDefinition } from '../plugins/define-plugin.ts';

/** The core's webhook events; plugins add theirs (`webhookEvents`, named `<plugin id>.<what>`). */
export const CORE_WEBHOOK_EVENTS = {
  'service.verified': { 'zh-CN': '服务记录已核实（记入账本）', en: 'Service verified (posted to the ledger)' },
  'service.revoked': { 'zh-CN': '已核实的服务记录被撤销', en: 'Verified service revoked' },
  'certificate.issued': { 'zh-CN': '志愿服务证明已开具', en: 'Certificate issued' },
} satisfies Record<string, LocalizedText>;

/** Every event an endpoint may subscribe to on this installation: the core's, then each plugin's. */
export function webhookEventTypes(plugins: readonly PluginDefinition[]): Record<string, LocalizedText> {
  return Object.assign({}, CORE_WEBHOOK_EVENTS, ...plugins.map((p) => p.webhookEvents ?? {}));
}
