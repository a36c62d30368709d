import type { Context } from 'hono';
import { useRequestContext } from 'hono/jsx-renderer';
import type { BaseVariables } from '../core/http/env.ts';
import type { Locale } from '../core/i18n/messages.ts';

// Any site's context (a city's or the console): both carry BaseVariables.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyContext = Context<any>;

function vars(c: AnyContext): BaseVariables {
  return c.var as BaseVariables;
}

/** A path on the current site: adds the `/t/<slug>` prefix when the site is reached through it. */
export function sitePath(c: AnyContext, path: string): string {
  return `${vars(c).base}${path}`;
}

/** The current request inside a component (rendered through `c.render`). */
export function usePage() {
  const c = useRequestContext() as AnyContext;
  return {
    c,
    locale: vars(c).locale,
    path: (p: string) => sitePath(c, p),
    nonce: vars(c).secureHeadersNonce,
  };
}

/** A catalogue in the request's locale, for components. */
export function useMessages<M>(catalog: Record<Locale, M>): M {
  return catalog[usePage().locale];
}

/** A catalogue in the request's locale, for handlers. */
export function messagesFor<M>(c: AnyContext, catalog: Record<Locale, M>): M {
  return catalog[vars(c).locale];
}
