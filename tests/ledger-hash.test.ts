import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, privateDigest, transferHashV1, transferHashV2 } from '../core/ledger/hash.ts';
import { checkPublicChain, sha256Hex, v2Preimage, type PublicTransfer } from '../views/ledger-chain.js';

describe('ledger hash chain', () => {
  it('hashes a transfer to the same value as every chain already stored (non-ASCII key and memo, memo keys in any order)', () => {
    const transfer = {
      tenantId: '0193b2f0-0000-7000-8000-00000000000a',
      id: '0193b2f0-0000-7000-8000-00000000000b',
      seq: 1,
      unit: 'SERVICE_MINUTES',
      debitAccountId: '0193b2f0-0000-7000-8000-00000000000c',
      creditAccountId: '0193b2f0-0000-7000-8000-00000000000d',
      amount: 90,
      idempotencyKey: 'service-record:志愿:verified',
      kind: 'service.verified',
      memo: { z: 1, a: '北京', n: null },
      reversesId: null,
      postedAt: new Date('2026-11-23T06:00:00.123Z'),
    };
    // Computed by the first implementation (@oslojs/crypto sha256 over TextEncoder bytes): a change of hash code must keep it.
    const expected = '06cfe0e6de500543b5823e2466098a72ab327395b97704eb7fc6f11ef5044227';
    expect(transferHashV1(GENESIS_HASH, transfer)).toBe(expected);
    expect(transferHashV1(GENESIS_HASH, { ...transfer, memo: { n: null, a: '北京', z: 1 } })).toBe(expected);
  });

  // The README's worked example ("Public ledger"): change one and change the other.
  const CITY = '0193b2f0-0000-7000-8000-00000000000a';
  const PRIVATE = {
    id: '0193b2f0-0000-7000-8000-00000000000b',
    debitAccountId: '0193b2f0-0000-7000-8000-00000000000c',
    creditAccountId: '0193b2f0-0000-7000-8000-00000000000d',
    idempotencyKey: 'service-record:0193b2f0-0000-7000-8000-00000000000e:verified',
    memo: { record: '0193b2f0-0000-7000-8000-00000000000e' },
    reversesId: null,
  };
  const PUBLIC = {
    seq: 1,
    postedAt: '2026-11-23T06:00:00.123Z',
    unit: 'SERVICE_MINUTE',
    amount: 90,
    kind: 'service.verified',
    debit: { kind: 'city:service-issuance', ref: '5d41402abc4b2a76b971' },
    credit: { kind: 'volunteer', ref: '7d793037a0760186574b' },
    reversesSeq: null,
    privateDigest: '1b7ed0ec5b97a7173e23dfbdda9fe9beb78fc0b4ff32c2a71687f8089bd0b537',
  };
  const V2_HASH = 'a81f14c45d7fa0be94be5b6520fc5063864ffef0b5d3f97fb7aacbe8937fa868';

  it('hashes v2 from the public fields and the private digest, the same on the server (node:crypto) and in a browser (Web Crypto)', async () => {
    expect(privateDigest(PRIVATE)).toBe(PUBLIC.privateDigest);
    expect(v2Preimage(CITY, GENESIS_HASH, PUBLIC)).toBe(
      '["vc-ledger/2","0193b2f0-0000-7000-8000-00000000000a","0000000000000000000000000000000000000000000000000000000000000000",1,"2026-11-23T06:00:00.123Z","SERVICE_MINUTE",90,"service.verified","city:service-issuance","5d41402abc4b2a76b971","volunteer","7d793037a0760186574b",null,"1b7ed0ec5b97a7173e23dfbdda9fe9beb78fc0b4ff32c2a71687f8089bd0b537"]',
    );
    expect(transferHashV2(CITY, GENESIS_HASH, PUBLIC)).toBe(V2_HASH);
    expect(await sha256Hex(v2Preimage(CITY, GENESIS_HASH, PUBLIC))).toBe(V2_HASH);
    expect(transferHashV2(CITY, GENESIS_HASH, { ...PUBLIC, amount: 91 })).not.toBe(V2_HASH);
  });

  it('checks a chain that began under v1: v1 transfers for their place, v2 ones recomputed', async () => {
    const v1: PublicTransfer = { ...PUBLIC, privateDigest: null, hashVersion: 1, prevHash: GENESIS_HASH, hash: 'f'.repeat(64) };
    const v2a = { ...PUBLIC, seq: 2, hashVersion: 2, prevHash: v1.hash, hash: transferHashV2(CITY, v1.hash, { ...PUBLIC, seq: 2 }) };
    const v2b = { ...PUBLIC, seq: 3, hashVersion: 2, prevHash: v2a.hash, hash: transferHashV2(CITY, v2a.hash, { ...PUBLIC, seq: 3 }) };
    const pages = [[v1, v2a], [v2b]];
    const fetchPage = async (cursor: string | null) => ({ city: CITY, items: pages[Number(cursor ?? 0)]!, next: cursor === null ? '1' : null });
    expect(await checkPublicChain({ fetchPage })).toEqual({ ok: true, verifiedUpTo: 3, recomputedFrom: 2, linkedOnly: 1, headHash: v2b.hash, headsMatched: 0 });
    pages[1] = [{ ...v2b, seq: 4 }];
    expect(await checkPublicChain({ fetchPage })).toMatchObject({ ok: false, seq: 3, problem: 'missing', verifiedUpTo: 2 });
    pages[1] = [{ ...v2b, prevHash: v1.hash }];
    expect(await checkPublicChain({ fetchPage })).toMatchObject({ ok: false, seq: 3, problem: 'link' });
  });
});
