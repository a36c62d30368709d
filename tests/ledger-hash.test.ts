import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, transferHashV1 } from '../core/ledger/hash.ts';

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
});
