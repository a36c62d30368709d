import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { messagesFor, sitePath } from '../../views/context.ts';
import type { ApiEnv } from './env.ts';
import { apiMessages } from './messages.ts';
import { API_INFO } from './info.ts';

type Operation = { summary?: string; tags?: string[]; security?: Record<string, string[]>[]; parameters?: { name: string; in: string; required?: boolean; description?: string }[] };

/** `/api/v1`: the reference as a page of the city's site, read off the same document `/api/v1/openapi.json` serves. */
export function referencePage(app: OpenAPIHono<ApiEnv>) {
  return (c: Context<ApiEnv>) => {
    const t = messagesFor(c, apiMessages);
    const document = app.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO });
    const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'delete'] as const).flatMap((method) => {
        const op = (item as Record<string, Operation | undefined>)[method];
        return op ? [{ method: method.toUpperCase(), path, op }] : [];
      }),
    );
    return c.render(
      <>
        <h1>{t.referenceTitle}</h1>
        <p>{t.referenceIntro}</p>
        <p><a href={sitePath(c, '/api/v1/openapi.json')}>{t.documentLink}</a></p>
        {operations.map(({ method, path, op }) => {
          const scopes = op.security?.flatMap((s) => Object.values(s).flat()) ?? [];
          return (
            <section class="card">
              <h2 class="api-route"><code>{method} /api/v1{path}</code></h2>
              {op.summary && <p>{op.summary}</p>}
              <p class="muted">
                {scopes.length > 0 ? <>{t.scopeNeeded}: <code>{scopes.join(', ')}</code></> : t.noKeyNeeded}
                {method === 'POST' && <> · {t.writeNote}</>}
              </p>
              {op.parameters && op.parameters.length > 0 && (
                <p>
                  {t.parameters}:{' '}
                  {op.parameters.map((p, i) => (
                    <>{i > 0 && ', '}<code>{p.name}</code> ({p.in}{p.required ? `, ${t.required}` : ''})</>
                  ))}
                </p>
              )}
            </section>
          );
        })}
      </>,
      { title: t.referenceTitle },
    );
  };
}
