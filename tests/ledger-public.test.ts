import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Tx } from '../core/db/database.ts';
import { checkPublicLedger } from '../core/ledger/check-public.ts';
import { ledgerDailyHeadsJob } from '../core/ledger/daily-heads-job.ts';
import { reverseTransfer } from '../core/ledger/post.ts';
import { verifyLedger } from '../core/ledger/verify.ts';
import { DAY_MS, toLocalDateInput } from '../core/volunteering/shared/time.ts';
import { sha256Hex, v2Preimage, type PublicChainPage, type PublicTransfer } from '../views/ledger-chain.js';
import { ApiClient } from './support/api.ts';
import { jobDepsOf } from './support/jobs.ts';
import { rewriteLedger } from './support/ledger-rewrite.ts';
import { TestClient } from './support/client.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { citizen, inCity, mainOf, organisation, origin, project, serviceRecord, userIdOf, verify } from './volunteering/fixtures.ts';

/**
 * The public ledger as an outsider meets it: the chain from /api/v1 with no key and
 * no personal data, every v2 hash recomputed from what is published, a rewrite in
 * the database caught by the same check the /ledger page runs, and the daily heads.
 */
let p: TestPlatform;
let volunteer: { id: string; email: string };
let recordIds: string[];
const NAME = '林公开';
const site = (slug: string) => `http://${slug}.localhost/ledger`;
const fetchApp = (url: string) => Promise.resolve(p.app.request(url));
const publicApi = (slug: string) => new ApiClient(p, slug, null);

async function wholeChain(slug: string): Promise<PublicChainPage> {
  const res = await publicApi(slug).get('/ledger/public/transfers?limit=500');
  expect(res.status).toBe(200);
  return (await res.json()) as PublicChainPage;
}

/** Someone with the database owner's rights, who can switch off the append-only trigger for a transaction. */
const asOwner = (work: (tx: Tx) => Promise<unknown>) => rewriteLedger(p.db, work);

beforeAll(async () => {
  // A low rate, so the last test can reach it; the other tests make fewer requests than this.
  p = await startTestPlatform({ env: { API_REQUESTS_PER_MINUTE: 40 } });
  const adminId = await userIdOf(p, 'alpha', 'admin@alpha.test');
  volunteer = await citizen(p, 'alpha', NAME, { profile: true });
  const org = await organisation(p, 'alpha', adminId);
  const projectId = await project(p, 'alpha', org, adminId);
  recordIds = [];
  for (const minutes of [60, 90, 45]) recordIds.push(await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes }));
  await verify(p, 'alpha', org, adminId, recordIds);
  // A reversal, so the published chain carries the number of the transfer it reverses.
  await inCity(p, 'alpha', async (tx, t) => {
    const [first] = rowsOf<{ id: string }>(await tx.execute(sql`select id from ledger_transfers where tenant_id = ${t} and seq = 1`));
    await reverseTransfer(tx, t, first!.id, { idempotencyKey: 'test:reverse-first' });
  });
}, 120_000);
afterAll(() => p.close());

describe(`the public ledger (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('publishes the chain without a key and without personal data', async () => {
    const page = await wholeChain('alpha');
    expect(page.city).toBe(p.cities.alpha!.id);
    expect(page.items.map((t) => t.seq)).toEqual([1, 2, 3, 4]);
    for (const t of page.items) {
      expect(Object.keys(t).sort()).toEqual(['amount', 'credit', 'debit', 'hash', 'hashVersion', 'kind', 'postedAt', 'prevHash', 'privateDigest', 'reversesSeq', 'seq', 'unit']);
      expect(Object.keys(t.debit).sort()).toEqual(['kind', 'ref']);
    }
    expect(page.items[0]).toMatchObject({ unit: 'SERVICE_MINUTE', kind: 'service.verified', hashVersion: 2, debit: { kind: 'city:service-issuance' }, credit: { kind: 'volunteer' } });
    expect(page.items[3]).toMatchObject({ reversesSeq: 1, amount: page.items[0]!.amount, debit: page.items[0]!.credit, credit: page.items[0]!.debit });
    const text = JSON.stringify(page);
    const secrets = await inCity(p, 'alpha', async (tx, t) => {
      const rows = rowsOf<{ v: string }>(await tx.execute(sql`select id::text as v from ledger_transfers where tenant_id = ${t} union all select idempotency_key from ledger_transfers where tenant_id = ${t}
        union all select id::text from ledger_accounts where tenant_id = ${t}`));
      return rows.map((r) => r.v);
    });
    expect(secrets.length).toBeGreaterThan(8);
    for (const secret of [...secrets, volunteer.id, volunteer.email, NAME, ...recordIds]) expect(text).not.toContain(secret);
  });

  it('lets anyone recompute every v2 hash from the published fields alone', async () => {
    const page = await wholeChain('alpha');
    let prev = '0'.repeat(64);
    for (const t of page.items) {
      expect(t.prevHash).toBe(prev);
      expect(await sha256Hex(v2Preimage(page.city, t.prevHash, t))).toBe(t.hash);
      prev = t.hash;
    }
    const result = await checkPublicLedger(site('alpha'), { fetch: fetchApp });
    expect(result).toMatchObject({ ok: true, verifiedUpTo: 4, recomputedFrom: 1, linkedOnly: 0, headHash: prev });
  });

  it('shows the chain on /ledger without sign-in: a transfer marked, one account’s transfers, and odd queries as the plain page', async () => {
    const chain = await wholeChain('alpha');
    const volunteerRef = chain.items[0]!.credit.ref;
    const marked = await mainOf(await new TestClient(p.app, origin('alpha')).get('/ledger?at=2'));
    expect(marked).toContain('公开账本');
    expect(marked).toContain('aria-current="true">2<');
    expect(marked).toContain(`data-api="/api/v1/ledger/public/transfers"`);
    const mine = await mainOf(await new TestClient(p.app, origin('alpha')).get(`/ledger?account=${volunteerRef}`));
    expect(mine.match(/<tr id="t-\d+"/g)).toHaveLength(4);
    expect(mine).not.toContain(volunteer.id);
    for (const odd of ['?at=abc', '?account=ZZ', '?n=1,,2', '?from=-1']) {
      const res = await new TestClient(p.app, origin('alpha')).get(`/ledger${odd}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('id="t-4"');
    }
  });

  it('catches an amount rewritten in the database, in the public check and in ledger:verify', async () => {
    const beta = p.cities.beta!.id;
    const adminId = await userIdOf(p, 'beta', 'admin@beta.test');
    const person = await citizen(p, 'beta', '钱改写', { profile: true });
    const org = await organisation(p, 'beta', adminId);
    const projectId = await project(p, 'beta', org, adminId);
    const ids = [await serviceRecord(p, 'beta', person.id, projectId, { minutes: 30 }), await serviceRecord(p, 'beta', person.id, projectId, { minutes: 40 })];
    await verify(p, 'beta', org, adminId, ids);
    expect(await checkPublicLedger(site('beta'), { fetch: fetchApp })).toMatchObject({ ok: true, verifiedUpTo: 2 });
    // Each city publishes its own chain only.
    const betaChain = await wholeChain('beta');
    expect(betaChain.city).toBe(beta);
    const alphaHashes = new Set((await wholeChain('alpha')).items.map((t) => t.hash));
    expect(betaChain.items.filter((t) => alphaHashes.has(t.hash))).toEqual([]);
    // Someone with the owner's rights makes transfer 2 say more than was posted.
    await asOwner((tx) => tx.execute(sql`update ledger_transfers set amount = amount + 60 where tenant_id = ${beta} and seq = 2`));
    expect(await checkPublicLedger(site('beta'), { fetch: fetchApp })).toMatchObject({ ok: false, seq: 2, problem: 'hash', verifiedUpTo: 1 });
    expect(await inCity(p, 'beta', (tx, t) => verifyLedger(tx, t))).toMatchObject({ ok: false, seq: 2 });
  });

  it('publishes the chain head at the end of each day, and a kept head shows a rewrite whose hashes were all recomputed', async () => {
    const tomorrow = new Date(Date.now() + DAY_MS);
    await ledgerDailyHeadsJob.run({ at: tomorrow.toISOString() }, jobDepsOf(p));
    await ledgerDailyHeadsJob.run({ at: tomorrow.toISOString() }, jobDepsOf(p));
    const heads = (await (await publicApi('alpha').get('/ledger/public/heads')).json()) as { items: { day: string; seq: number; hash: string }[] };
    const chain = await wholeChain('alpha');
    expect(heads.items).toEqual([{ day: toLocalDateInput(new Date()), seq: 4, hash: chain.items[3]!.hash }]);

    // The operator rewrites transfer 2 and recomputes every hash after it, so the chain alone still checks out.
    const alpha = p.cities.alpha!.id;
    const rewritten: PublicTransfer[] = [];
    let prev = chain.items[0]!.hash;
    for (const t of chain.items.slice(1)) {
      const changed = { ...t, prevHash: prev, amount: t.seq === 2 ? t.amount * 2 : t.amount };
      changed.hash = await sha256Hex(v2Preimage(chain.city, prev, changed));
      rewritten.push(changed);
      prev = changed.hash;
    }
    await asOwner(async (tx) => {
      for (const t of rewritten) await tx.execute(sql`update ledger_transfers set amount = ${t.amount}, prev_hash = ${t.prevHash}, hash = ${t.hash} where tenant_id = ${alpha} and seq = ${t.seq}`);
    });
    expect(await checkPublicLedger(site('alpha'), { fetch: fetchApp })).toMatchObject({ ok: true, verifiedUpTo: 4 });
    expect(await checkPublicLedger(site('alpha'), { fetch: fetchApp, knownHeads: [heads.items[0]!] })).toMatchObject({ ok: false, seq: 4, problem: 'head' });
  });

  it('limits each address, like a key, and says when to come back', async () => {
    let refused: Response | null = null;
    for (let i = 0; i < 41 && !refused; i++) {
      const res = await publicApi('alpha').get('/ledger/public/heads');
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(200);
    }
    expect(refused?.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
