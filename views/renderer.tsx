import type { Context, MiddlewareHandler } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { RequestContext } from 'hono/jsx-renderer';
import { HtmlEscapedCallbackPhase, resolveCallback } from 'hono/utils/html';
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
 * (What hono/jsx-renderer's `jsxRenderer` does, answered as `htmlResponse` does.)
 */
export const pageRenderer = (): MiddlewareHandler => async (c, next) => {
  c.setRenderer((content, { title }) => {
    if (isPartialRequest(c)) c.header('HX-Refresh', 'true');
    return htmlResponse(c, [raw('<!DOCTYPE html>'), <Layout title={title}>{content}</Layout>]);
  });
  await next();
};

/** True for a request htmx made to swap part of a page (not a whole-page navigation). */
export function isPartialRequest(c: Context): boolean {
  return c.req.header('hx-request') === 'true' && c.req.header('hx-request-type') !== 'full';
}

/** A fragment for htmx to swap in: no layout, but components can still read the request. */
export function renderFragment(c: Context, node: Child) {
  return htmlResponse(c, node);
}

/**
 * Renders `node` (components can read the request) to one plain string before
 * it becomes the answer. `c.html` would take hono/jsx's string object as it is,
 * and @hono/node-server sends only a plain string body straight to the socket:
 * anything else it turns into a web Response and reads back through a stream.
 */
async function htmlResponse(c: Context, node: Child): Promise<Response> {
  const rendered = (<RequestContext.Provider value={c}>{node}</RequestContext.Provider>).toString();
  const html = `${await resolveCallback(await rendered, HtmlEscapedCallbackPhase.Stringify, false, {})}`;
  const answer = c.html(html);
  renderedBodies.set(answer, html);
  return answer;
}

/** The page each rendered answer carries, so the page cache keeps it without reading the answer back. */
const renderedBodies = new WeakMap<Response, string>();

/** The HTML `answer` was rendered with here, or undefined for an answer made any other way. */
export function renderedBody(answer: Response): string | undefined {
  return renderedBodies.get(answer);
}
