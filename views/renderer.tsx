import type { Context, MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import { RequestContext } from 'hono/jsx-renderer';
import { HtmlEscapedCallbackPhase, resolveCallback } from 'hono/utils/html';
import { pageHtml } from './layout.ts';

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
  c.setRenderer(async (content, { title }) => {
    if (isPartialRequest(c)) c.header('HX-Refresh', 'true');
    // The page is rendered alone, then put in the frame: the frame is plain strings kept per city and locale.
    return htmlResponse(c, pageHtml(c, title, await renderToString(c, content)));
  });
  await next();
};

/** True for a request htmx made to swap part of a page (not a whole-page navigation). */
export function isPartialRequest(c: Context): boolean {
  return c.req.header('hx-request') === 'true' && c.req.header('hx-request-type') !== 'full';
}

/** A fragment for htmx to swap in: no layout, but components can still read the request. */
export async function renderFragment(c: Context, node: Child) {
  return htmlResponse(c, await renderToString(c, node));
}

/**
 * Renders `node` (components can read the request) to one plain string.
 * `c.html` would take hono/jsx's string object as it is, and @hono/node-server
 * sends only a plain string body straight to the socket: anything else it turns
 * into a web Response and reads back through a stream.
 */
async function renderToString(c: Context, node: Child): Promise<string> {
  const rendered = (<RequestContext.Provider value={c}>{node}</RequestContext.Provider>).toString();
  return `${await resolveCallback(await rendered, HtmlEscapedCallbackPhase.Stringify, false, {})}`;
}

/** The answer (as `c.html` makes it, but sent as bytes), its HTML kept for the page cache. */
function htmlResponse(c: Context, html: string): Response {
  const answer = c.body(utf8(html), undefined, { 'Content-Type': 'text/html; charset=UTF-8' });
  renderedBodies.set(answer, html);
  return answer;
}

/**
 * The page as UTF-8, encoded in one pass into room for the longest case (three bytes a UTF-16 unit). As a string,
 * @hono/node-server measured it first (`Buffer.byteLength`, a pass over the page) and the socket's write encoded it
 * (a second): on the child-care list's 15,000 characters the first pass alone was 0.15 million instructions.
 */
function utf8(html: string): Uint8Array<ArrayBuffer> {
  const bytes = Buffer.allocUnsafe(html.length * 3);
  return bytes.subarray(0, bytes.write(html, 'utf8'));
}

/** The page each rendered answer carries, so the page cache keeps it without reading the answer back. */
const renderedBodies = new WeakMap<Response, string>();

/** The HTML `answer` was rendered with here, or undefined for an answer made any other way. */
export function renderedBody(answer: Response): string | undefined {
  return renderedBodies.get(answer);
}
