import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';

/**
 * Refuses a state-changing form request unless the browser says it came from this
 * very host. Compares hosts, not origins: behind a TLS proxy the request URL's
 * scheme is not the public one.
 */
export function csrfProtection(): MiddlewareHandler {
  return csrf({
    origin: (origin, c) => {
      try {
        return new URL(origin).host === new URL(c.req.url).host;
      } catch {
        return false;
      }
    },
    secFetchSite: 'same-origin',
  });
}
