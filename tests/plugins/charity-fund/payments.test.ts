import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerSecret } from '../../../plugins/charity-fund/payments/keys.ts';
import { sandboxCallback } from '../../../plugins/charity-fund/payments/sandbox.ts';
import { signFields } from '../../../plugins/charity-fund/payments/signature.ts';
import { mainOf, type PluginKit } from '../../support/plugin-kit/index.ts';
import { donationIdOf, donationRow, fund, fundBalance, P, startCharityKit, transfersLike } from './fixtures.ts';

let kit: PluginKit;
beforeAll(async () => {
  kit = await startCharityKit('sandbox');
});
afterAll(() => kit.close());

async function startSandboxDonation(amount = '88.80') {
  const fundId = await fund(kit);
  const donor = await kit.person('alpha', '吴捐赠');
  const res = await donor.client.post(`${P}/funds/${fundId}/donate`, { amount, donor_name: '吴捐赠', visibility: 'named', message: '', project: '' });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toMatch(new RegExp(`^http://alpha\\.localhost${P}/sandbox/pay/[0-9a-f-]{36}$`));
  return { fundId, donor, id: donationIdOf(res) };
}

const secret = () => kit.work('alpha', (w) => providerSecret(w, 'sandbox'));
const callback = (body: unknown) =>
  kit.app.request('http://alpha.localhost/p/charity-fund/payments/sandbox/callback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the sandbox gateway and signed callbacks', () => {
  it('pays on the gateway page: the donation is confirmed by the signed callback and posted once', async () => {
    const { fundId, donor, id } = await startSandboxDonation();
    const gateway = await mainOf(await donor.client.get(`${P}/sandbox/pay/${id}`));
    expect(gateway).toContain('沙箱支付');
    expect(gateway).toContain('¥88.80');
    const paid = await donor.client.follow(donor.client.post(`${P}/sandbox/pay/${id}`, { outcome: 'paid' }));
    const page = await mainOf(paid);
    expect(page).toContain('支付成功，捐赠已确认。');
    expect(page).toContain(`/receipts/${id}`);
    const row = (await donationRow(kit, 'alpha', id))!;
    expect(row.status).toBe('confirmed');
    expect(row.gatewayReference).toMatch(/^SBX-[0-9A-F]{12}$/);
    expect(row.confirmedBy).toBeNull();
    expect(await fundBalance(kit, 'alpha', fundId)).toBe(8880);
    // The gateway page is done with it: back to the donation page, nothing posted twice.
    expect((await donor.client.post(`${P}/sandbox/pay/${id}`, { outcome: 'paid' })).headers.get('location')).toBe(`${P}/donations/${id}`);
    expect(await transfersLike(kit, 'alpha', `charity-fund:donation:${id}`)).toHaveLength(1);
  });

  it('cancels on the gateway page: nothing is booked', async () => {
    const { fundId, donor, id } = await startSandboxDonation();
    const page = await mainOf(await donor.client.follow(donor.client.post(`${P}/sandbox/pay/${id}`, { outcome: 'cancelled' })));
    expect(page).toContain('已取消支付');
    expect((await donationRow(kit, 'alpha', id))!.status).toBe('cancelled');
    expect(await fundBalance(kit, 'alpha', fundId)).toBe(0);
  });

  it('refuses forged, tampered and malformed callbacks and changes nothing; accepts the real one once', async () => {
    const { fundId, id } = await startSandboxDonation('100');
    const forged = sandboxCallback(id, 10_000, 'paid', 'not-the-city-secret');
    const res = await callback(forged);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ok: false, reason: 'bad_signature' });
    const real = sandboxCallback(id, 10_000, 'paid', await secret());
    const tampered = { fields: { ...real.fields, amount_fen: '1' }, signature: real.signature };
    expect((await (await callback(tampered)).json()).reason).toBe('bad_signature');
    // Signed correctly but for a different amount than the donation: refused too.
    const wrongAmountFields = { ...real.fields, amount_fen: '1' };
    expect((await (await callback({ fields: wrongAmountFields, signature: signFields(wrongAmountFields, await secret()) })).json()).reason).toBe('mismatch');
    expect((await callback({ nonsense: true })).status).toBe(400);
    expect((await callback({ fields: {}, signature: '' })).status).toBe(400);
    expect((await callback(real)).status).toBe(200);
    expect((await donationRow(kit, 'alpha', id))!.status).toBe('confirmed');
    // The gateway retries its notice: still one posting.
    expect((await callback(real)).status).toBe(200);
    expect(await transfersLike(kit, 'alpha', `charity-fund:donation:${id}`)).toHaveLength(1);
    expect(await fundBalance(kit, 'alpha', fundId)).toBe(10_000);
    // A signed cancel notice arriving after the payment cannot undo it.
    const lateCancel = await callback(sandboxCallback(id, 10_000, 'cancelled', await secret()));
    expect(lateCancel.status).toBe(400);
    expect((await donationRow(kit, 'alpha', id))!.status).toBe('confirmed');
    // The offline provider takes no callbacks at all; another city's donation is not found in beta (plugin off: 404).
    expect((await kit.app.request('http://alpha.localhost/p/charity-fund/payments/offline/callback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(real) })).status).toBe(404);
    expect((await kit.app.request('http://beta.localhost/p/charity-fund/payments/sandbox/callback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(real) })).status).toBe(404);
  });

  it('lets only the donor use the gateway page for their donation', async () => {
    const { id } = await startSandboxDonation();
    const other = await kit.person('alpha', '别人');
    expect((await other.client.get(`${P}/sandbox/pay/${id}`)).status).toBe(403);
    expect((await other.client.post(`${P}/sandbox/pay/${id}`, { outcome: 'paid' })).status).toBe(403);
    expect((await donationRow(kit, 'alpha', id))!.status).toBe('pending');
    // Staff cannot confirm a gateway payment by hand either.
    const staff = await kit.person('alpha', '站点员', { roles: ['charity-fund.station_staff'] });
    await staff.client.post(`${P}/donations/${id}/confirm`);
    expect((await donationRow(kit, 'alpha', id))!.status).toBe('pending');
  });
});
