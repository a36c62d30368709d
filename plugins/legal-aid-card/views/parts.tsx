import { raw } from 'hono/html';
import { formatDate, formatDateTime, parseLocalDate, usePage } from '../../../core/plugin-api.ts';

/** Pieces several legal-aid-card pages share. */

// Large type and generous targets: many holders are elderly. The card sheet prints as a grid of cards.
const STYLE = [
  '.lac-page{font-size:1.15rem}.lac-page button,.lac-page .button{min-height:52px;font-size:1.1rem}',
  '.lac-number{font-family:ui-monospace,monospace;font-size:1.4rem;letter-spacing:.08em;word-break:break-all}',
  '.card-sheet{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,300px),1fr));gap:12px}',
  '.card-cell{border:1px dashed #888;border-radius:8px;padding:10px;break-inside:avoid;display:flex;gap:10px;align-items:center}',
  '.card-cell .qr svg{width:88px;height:88px;display:block}.card-cell p{margin:.2em 0}.card-cell .code{font-family:ui-monospace,monospace;font-weight:700}',
  '.sheet-warning{border:2px solid #b71c1c;padding:.6em;border-radius:6px}',
  '@media print{.sheet-tools{display:none}.card-sheet{grid-template-columns:1fr 1fr}}',
].join('');

export function PluginStyle() {
  const { nonce } = usePage();
  return <style nonce={nonce}>{raw(STYLE)}</style>;
}

/** A link inside this plugin. */
export function usePluginPath() {
  const { path } = usePage();
  return (p: string) => path(`/p/legal-aid-card${p}`);
}

/** `2026-05-01` as the reader writes dates. */
export function Day({ value }: { value: string }) {
  const { locale } = usePage();
  return <>{formatDate(parseLocalDate(value)!, locale)}</>;
}

export function When({ at }: { at: Date }) {
  const { locale } = usePage();
  return <>{formatDateTime(at, locale)}</>;
}
