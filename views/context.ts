import type { Context } from 'hono';
import { useRequestContext } from 'hono/jsx-renderer';
import type { BaseVariables } from '../core/http/env.ts';
import type { Locale } from '../core/i18n/messages.ts';

// Any site's context (a city's or the console): both carry BaseVariables.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyContext = Context<any>;

/** One variable of the request. `c.get`, not `c.var`: `c.var` is an object of all variables, made again after every `c.set` (patches/hono). */
function get<K extends keyof BaseVariables>(c: AnyContext, key: K): BaseVariables[K] {
  return c.get(key) as BaseVariables[K];
}

/** A path on the current site: adds the `/t/<slug>` prefix when the site is reached through it. */
export function sitePath(c: AnyContext, path: string): string {
  return `${get(c, 'base')}${path}`;
}

/** The current request inside a component (rendered through `c.render`). */
export function usePage() {
  const c = useRequestContext() as AnyContext;
  return {
    c,
    locale: get(c, 'locale'),
    path: (p: string) => sitePath(c, p),
    nonce: get(c, 'secureHeadersNonce'),
  };
}

/** A catalogue in the request's locale, for components. */
export function useMessages<M>(catalog: Record<Locale, M>): M {
  return catalog[usePage().locale];
}

/** A catalogue in the request's locale, for handlers. */
export function messagesFor<M>(c: AnyContext, catalog: Record<Locale, M>): M {
  return catalog[get(c, 'locale')];
}
