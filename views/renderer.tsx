import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { jsxRenderer, RequestContext } from 'hono/jsx-renderer';
import { Layout } from './layout.tsx';

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, props: { title: string }): Response | Promise<Response>;
  }
}

/**
 * `c.render(<Page/>, { title })` wraps a page in the layout; htmx requests get
 * fragments through `renderFragment`. A whole page answering htmx (an error page,
 * or the sign-in page a lapsed session was sent to) must not land inside a row:
 * htmx reloads the page instead, which then shows it as a page.
 */
export const pageRenderer = () =>
  jsxRenderer(({ children, title }) => <Layout title={title}>{children}</Layout>, (c) => {
    if (isPartialRequest(c)) c.header('HX-Refresh', 'true');
    return { docType: true };
  });

/** True for a request htmx made to swap part of a page (not a whole-page navigation). */
export function isPartialRequest(c: Context): boolean {
  return c.req.header('hx-request') === 'true' && c.req.header('hx-request-type') !== 'full';
}

/** A fragment for htmx to swap in: no layout, but components can still read the request. */
export function renderFragment(c: Context, node: Child) {
  return c.html(<RequestContext.Provider value={c}>{node}</RequestContext.Provider>);
}
