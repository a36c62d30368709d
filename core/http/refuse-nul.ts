import type { Context, Next } from 'hono';
import { HTTPException } from 'hono/http-exception';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * PostgreSQL text cannot hold the NUL character: a handler that stored or looked
 * up one failed with a 500. No one types it, so a request that carries one in its
 * address, its form or its JSON is refused before any handler reads it. A form
 * that cannot be parsed at all (a broken multipart body) is refused here too:
 * every handler's own parseBody() would fail on it with a 500.
 */
export async function refuseNul(c: Context, next: Next): Promise<void> {
  if (c.req.url.includes('%00') || (await bodyHasNul(c))) throw new HTTPException(400, { message: 'nul' });
  await next();
}

async function bodyHasNul(c: Context): Promise<boolean> {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return false;
  const type = c.req.header('content-type') ?? '';
  // Read through Hono's body cache, so the handler's own parseBody() reads the same form again for free.
  if (FORM_TYPES.some((t) => type.startsWith(t))) {
    const form = await c.req.formData().catch(() => null);
    if (!form) throw new HTTPException(400, { message: 'malformed' });
    return [...form.entries()].some(([name, value]) => name.includes('\0') || (typeof value === 'string' && value.includes('\0')));
  }
  if (type.startsWith('application/json')) return (await c.req.text()).includes('\\u0000');
  return false;
}
