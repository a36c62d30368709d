import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiEnv } from './env.ts';
import { ApiProblem } from './problem.ts';
import { apiIdempotency } from './schema.ts';

const KEY = /^[\x21-\x7e]{1,200}$/;
const IN_PROGRESS = 0;

/**
 * Every write of the API takes an `Idempotency-Key` header. The first request with
 * a key claims it (a row, in the request's transaction: a concurrent repeat waits
 * for it), and a successful answer is kept; a repeat with the same body gets that
 * answer again (`Idempotent-Replayed: true`) and changes nothing. A refused request
 * keeps nothing, so it may be corrected and sent again with the same key.
 */
export const idempotent: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const idempotencyKey = c.req.header('idempotency-key');
  if (idempotencyKey === undefined || !KEY.test(idempotencyKey)) {
    throw new ApiProblem(400, 'idempotency-key-required', 'Idempotency-Key required', 'Send an Idempotency-Key header (1–200 visible ASCII characters, e.g. a UUID) with every write.');
  }
  const requestHash = encodeHexLowerCase(sha256(new TextEncoder().encode(`${c.req.method} ${c.req.path}\n${await c.req.text()}`)));
  const { tenant, apiKey, unit } = c.var;
  const where = and(eq(apiIdempotency.tenantId, tenant.id), eq(apiIdempotency.apiKeyId, apiKey.id), eq(apiIdempotency.idempotencyKey, idempotencyKey));
  const earlier = await unit.run(async (tx) => {
    const claimed = await tx
      .insert(apiIdempotency)
      .values({ tenantId: tenant.id, apiKeyId: apiKey.id, idempotencyKey, requestHash, status: IN_PROGRESS })
      .onConflictDoNothing()
      .returning({ status: apiIdempotency.status });
    if (claimed.length > 0) return null;
    const [row] = await tx.select().from(apiIdempotency).where(where);
    return row ?? null;
  });
  if (earlier) {
    if (earlier.requestHash !== requestHash) {
      throw new ApiProblem(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'This Idempotency-Key was used with a different request; use a new key for a new request.');
    }
    return c.body(JSON.stringify(earlier.body), earlier.status as ContentfulStatusCode, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
  }
  await next();
  // A thrown error rolls the whole request back, the claim included.
  if (c.error) return;
  const res = c.res;
  if (res.status >= 200 && res.status < 300) {
    const body: unknown = await res.clone().json();
    await unit.run((tx) => tx.update(apiIdempotency).set({ status: res.status, body }).where(where));
  } else {
    await unit.run((tx) => tx.delete(apiIdempotency).where(where));
  }
};
