import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type AnyContext, messagesFor, sitePath } from '../../views/context.ts';
import type { BaseVariables } from './env.ts';
import { httpMessages } from './messages.ts';

type C = AnyContext;

/** A full page with a title and one explanation; never a stack trace. */
export function statusPage(c: C, status: ContentfulStatusCode, title: string, body: string) {
  c.status(status);
  return c.render(
    <section class="card">
      <h1>{title}</h1>
      <p>{body}</p>
      <p><a href={sitePath(c, '/')}>{messagesFor(c, httpMessages).backHome}</a></p>
    </section>,
    { title },
  );
}

export const notFoundPage = (c: C) => {
  const t = messagesFor(c, httpMessages);
  return statusPage(c, 404, t.notFoundTitle, t.notFoundBody);
};

export const forbiddenPage = (c: C) => {
  const t = messagesFor(c, httpMessages);
  return statusPage(c, 403, t.forbiddenTitle, t.forbiddenBody);
};

/** The last resort: logs the error with the request id and shows a page that names only the id. */
export function errorPage(err: Error, c: C) {
  const t = messagesFor(c, httpMessages);
  if (err instanceof HTTPException) {
    if (err.status === 403) return statusPage(c, 403, t.forbiddenTitle, t.csrfBody);
    if (err.status === 404) return notFoundPage(c);
    if (err.status === 413) return statusPage(c, 413, t.tooLargeTitle, t.tooLargeBody);
    if (err.status === 400 && err.message === 'nul') return statusPage(c, 400, t.unreadableTitle, t.unreadableBody);
    if (err.status === 400 && err.message === 'malformed') return statusPage(c, 400, t.unreadableTitle, t.malformedBody);
    if (err.status < 500) return statusPage(c, err.status, t.errorTitle, err.message);
  }
  const v = c.var as BaseVariables;
  v.log?.error({ err }, 'unhandled error');
  return statusPage(c, 500, t.errorTitle, t.errorBody(v.requestId ?? '-'));
}
