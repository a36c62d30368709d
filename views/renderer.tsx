import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { jsxRenderer, RequestContext } from 'hono/jsx-renderer';
import { Layout } from './layout.tsx';

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, props: { title: string }): Response | Promise<Response>;
  }
}

/** `c.render(<Page/>, { title })` wraps a page in the layout; htmx requests get the fragment alone. */
export const pageRenderer = () =>
  jsxRenderer(({ children, title }) => <Layout title={title}>{children}</Layout>, { docType: true });

/** True for a request htmx made to swap part of a page (not a whole-page navigation). */
export function isPartialRequest(c: Context): boolean {
  return c.req.header('hx-request') === 'true' && c.req.header('hx-request-type') !== 'full';
}

/** A fragment for htmx to swap in: no layout, but components can still read the request. */
export function renderFragment(c: Context, node: Child) {
  return c.html(<RequestContext.Provider value={c}>{node}</RequestContext.Provider>);
}
