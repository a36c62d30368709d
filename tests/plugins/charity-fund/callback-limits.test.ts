import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerSecret } from '../../../plugins/charity-fund/payments/keys.ts';
import { sandboxCallback } from '../../../plugins/charity-fund/payments/sandbox.ts';
import { type PluginKit } from '../../support/plugin-kit/index.ts';
import { donationIdOf, donationRow, fund, P, startCharityKit } from './fixtures.ts';

type LogLine = { level: number; msg: string; reason?: string; refusedSinceStart?: number };

let kit: PluginKit;
const log: LogLine[] = [];
beforeAll(async () => {
  const logger = pino({ level: 'warn' }, { write: (line: string) => void log.push(JSON.parse(line) as LogLine) });
  kit = await startCharityKit('sandbox', { env: { TRUST_PROXY: '1' }, logger });
});
afterAll(() => kit.close());

const callback = (body: unknown, address: string) =>
  kit.app.request(`http://alpha.localhost${P}/payments/sandbox/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify(body),
  });

const auditRows = (action: string) => kit.auditEntries('alpha', action);

describe('unauthenticated payment callbacks', () => {
  it('refuses a flood from one address after 20 refusals, writes none of it to the audit log, counts each in the log; a signed callback still confirms and audits', async () => {
    const fundId = await fund(kit);
    const donor = await kit.person('alpha', '吴捐赠');
    const started = await donor.client.post(`${P}/funds/${fundId}/donate`, { amount: '50', donor_name: '吴捐赠', visibility: 'named', message: '', project: '' });
    const id = donationIdOf(started);
    const auditBefore = (await auditRows('%')).length;

    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const forged = { fields: { donation: id, amount_fen: '5000', outcome: 'paid', note: `=HYPERLINK("http://evil.example/${i}")` }, signature: 'forged' };
      statuses.push((await callback(forged, '203.0.113.9')).status);
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(400));
    expect(new Set(statuses.slice(20))).toEqual(new Set([429]));
    const limited = await callback({ nonsense: true }, '203.0.113.9');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(500);
    expect(await limited.json()).toEqual({ ok: false, reason: 'too_many_refused' });

    expect((await auditRows('%')).length).toBe(auditBefore);
    const refusals = log.filter((l) => l.msg === 'payment callback refused');
    expect(refusals.map((l) => l.refusedSinceStart)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(refusals.every((l) => l.reason === 'bad_signature' && l.level === 40)).toBe(true);
    expect(JSON.stringify(log)).not.toContain('HYPERLINK');

    const secret = await kit.work('alpha', (w) => providerSecret(w, 'sandbox'));
    const real = await callback(sandboxCallback(id, 5_000, 'paid', secret), '198.51.100.77');
    expect(real.status).toBe(200);
    expect((await donationRow(kit, 'alpha', id))!.status).toBe('confirmed');
    expect(await auditRows('charity-fund.donation_confirmed')).toHaveLength(1);
  });
});
