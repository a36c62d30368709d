import { html } from 'hono/html';
import type { Flash } from '../../core/http/env.ts';

/** A flash message (an `html` template: the layout puts it in without a JSX render). */
export function FlashMessage({ flash }: { flash: Flash }) {
  return html`<p class="flash flash-${flash.kind}" role="${flash.kind === 'error' ? 'alert' : 'status'}">${flash.message}</p>`;
}
