import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/db/schema/audit.ts';
import { findAccount } from '../../../core/ledger/accounts.ts';
import { ledgerTransfers } from '../../../core/ledger/schema.ts';
import { verifyLedger } from '../../../core/ledger/verify.ts';
import { definePlugin } from '../../../core/plugin-api.ts';
import { setPluginEnablement } from '../../../core/plugins/enablement.ts';
import { serviceRecords } from '../../../core/volunteering/records/schema.ts';
import { rejectRecord, revokeRecord, SERVICE_ISSUANCE, SERVICE_MINUTES, verifyRecords, volunteerAccountCode } from '../../../core/volunteering/records/verification.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, inCity, organisation, project, serviceRecord, tenantOf, eventsOf } from '../fixtures.ts';

/** Listens to the service events as a plugin would; refuses a record of exactly 13 minutes, to prove the rollback. */
const listener = definePlugin({
  id: 'listener',
  version: '1.0.0',
  name: { 'zh-CN': '监听', en: 'Listener' },
  settings: z.object({}),
  on: {
    'service.verified': ({ records }, city) =>
      city.work(async (w) => {
        await w.audit({ actor: 'plugin:listener', action: 'listener.heard_batch', target: records.map((e) => e.recordId).sort().join(','), detail: { records: records.length } });
        for (const e of records) {
          await w.audit({ actor: 'plugin:listener', action: 'listener.verified', target: e.recordId, detail: { minutes: e.minutes, category: e.category, date: e.serviceDate } });
          if (e.minutes === 13) throw new Error('listener refuses 13 minutes');
        }
      }),
    'service.revoked': ({ records }, city) =>
      city.work(async (w) => {
        for (const e of records) await w.audit({ actor: 'plugin:listener', action: 'listener.revoked', target: e.recordId, detail: { reason: e.reason } });
      }),
  },
});

let p: TestPlatform;
let organiserId: string;
let volunteerId: string;
let orgId: string;
let projectId: string;
const decision = () => ({ deciderId: organiserId, address: '127.0.0.1' });

beforeAll(async () => {
  p = await startTestPlatform({ plugins: [listener] });
  organiserId = (await citizen(p, 'alpha', '核实人')).id;
  volunteerId = (await citizen(p, 'alpha', '服务者', { profile: true })).id;
  orgId = await organisation(p, 'alpha', organiserId);
  projectId = await project(p, 'alpha', orgId, organiserId, { category: 'elder_care' });
  await inCity(p, 'alpha', (tx, t) => setPluginEnablement(tx, t, listener, { enabled: true, changedBy: 'test' }));
});
afterAll(() => p.close());

const recordOf = (id: string) =>
  inCity(p, 'alpha', async (tx, t) => (await tx.select().from(serviceRecords).where(and(eq(serviceRecords.tenantId, t), eq(serviceRecords.id, id))))[0]!);
const balance = async (code: string) => (await inCity(p, 'alpha', (tx, t) => findAccount(tx, t, SERVICE_MINUTES, code)))?.balance ?? 0;
const heard = (action: string, target: string) =>
  inCity(p, 'alpha', (tx, t) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t), eq(auditLog.action, action), eq(auditLog.target, target))));
const verifyOne = (recordId: string, minutes?: number) =>
  inCity(p, 'alpha', (tx, t) => verifyRecords(tx, t, orgId, [{ recordId, minutes }], decision(), eventsOf(p, 'alpha')));

describe(`verifying service records (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('posts the minutes from the city to the volunteer and tells plugins in the same transaction', async () => {
    const before = await balance(volunteerAccountCode(volunteerId));
    const ids = [await serviceRecord(p, 'alpha', volunteerId, projectId, { minutes: 90 }), await serviceRecord(p, 'alpha', volunteerId, projectId, { minutes: 45 })];
    const result = await inCity(p, 'alpha', (tx, t) => verifyRecords(tx, t, orgId, ids.map((recordId) => ({ recordId })), decision(), eventsOf(p, 'alpha')));
    expect(result.verified.sort()).toEqual([...ids].sort());
    expect(await balance(volunteerAccountCode(volunteerId))).toBe(before + 135);
    const first = await recordOf(ids[0]!);
    expect(first.status).toBe('verified');
    expect(first.decidedBy).toBe(organiserId);
    const [event] = await heard('listener.verified', ids[0]!);
    expect(event?.detail).toMatchObject({ minutes: 90, category: 'elder_care' });
    // Both records reach the plugin in one event.
    const batches = await heard('listener.heard_batch', [...ids].sort().join(','));
    expect(batches.map((b) => b.detail)).toEqual([{ records: 2 }]);
    expect((await inCity(p, 'alpha', (tx, t) => verifyLedger(tx, t))).ok).toBe(true);
  });

  it('posts a corrected duration and keeps the claimed one', async () => {
    const id = await serviceRecord(p, 'alpha', volunteerId, projectId, { minutes: 240 });
    const before = await balance(volunteerAccountCode(volunteerId));
    await verifyOne(id, 180);
    expect(await balance(volunteerAccountCode(volunteerId))).toBe(before + 180);
    expect(await recordOf(id)).toMatchObject({ status: 'verified', minutes: 180, claimedMinutes: 240 });
  });

  it('rolls the verification and its posting back when a plugin handler fails', async () => {
    const id = await serviceRecord(p, 'alpha', volunteerId, projectId, { minutes: 13 });
    const before = await balance(volunteerAccountCode(volunteerId));
    await expect(verifyOne(id)).rejects.toThrow('13 minutes');
    expect((await recordOf(id)).status).toBe('pending');
    expect(await balance(volunteerAccountCode(volunteerId))).toBe(before);
    const posted = await inCity(p, 'alpha', (tx, t) => tx.select().from(ledgerTransfers).where(and(eq(ledgerTransfers.tenantId, t), eq(ledgerTransfers.idempotencyKey, `service-record:${id}:verified`))));
    expect(posted).toEqual([]);
  });

  it('posts once when two organisers verify the same record at the same moment', async () => {
    const id = await serviceRecord(p, 'alpha', volunteerId, projectId, { minutes: 60 });
    const before = await balance(volunteerAccountCode(volunteerId));
    const results = await Promise.all([verifyOne(id), verifyOne(id), verifyOne(id)]);
    expect(results.filter((r) => r.verified.length === 1)).toHaveLength(1);
    expect(results.filter((r) => r.skipped.includes(id))).toHaveLength(2);
    expect(await balance(volunteerAccountCode(volunteerId))).toBe(before + 60);
  });

  it('skips records that are not pending, have no duration, or belong to another organisation', async () => {
    const open = await serviceRecord(p, 'alpha', volunteerId, projectId, { status: 'open' });
    const otherOrg = await organisation(p, 'alpha', organiserId);
    const otherProject = await project(p, 'alpha', otherOrg, organiserId);
    const elsewhere = await serviceRecord(p, 'alpha', volunteerId, otherProject, { minutes: 30 });
    const result = await inCity(p, 'alpha', (tx, t) => verifyRecords(tx, t, orgId, [{ recordId: open }, { recordId: elsewhere }], decision(), eventsOf(p, 'alpha')));
    expect(result).toEqual({ verified: [], skipped: [open, elsewhere] });
    expect((await recordOf(elsewhere)).status).toBe('pending');
    // Out-of-range corrections are not posted either.
    const pending = await serviceRecord(p, 'alpha', volunteerId, projectId, { minutes: 30 });
    expect((await verifyOne(pending, 0)).skipped).toEqual([pending]);
    expect((await verifyOne(pending, 24 * 60 + 1)).skipped).toEqual([pending]);
  });

  it('rejects a pending record with a reason and never posts it', async () => {
    const id = await serviceRecord(p, 'alpha', volunteerId, projectId, { minutes: 30 });
    const rejected = await inCity(p, 'alpha', (tx, t) => rejectRecord(tx, t, orgId, id, '当天未到场', decision()));
    expect(rejected).toEqual({ ok: true });
    expect(await recordOf(id)).toMatchObject({ status: 'rejected', rejectionReason: '当天未到场' });
    expect((await verifyOne(id)).skipped).toEqual([id]);
  });

  it('revokes a verification by a reversing transfer, once, and tells plugins', async () => {
    const id = await serviceRecord(p, 'alpha', volunteerId, projectId, { minutes: 75 });
    await verifyOne(id);
    const before = await balance(volunteerAccountCode(volunteerId));
    const issuanceBefore = await balance(SERVICE_ISSUANCE);
    const revoke = () => inCity(p, 'alpha', (tx, t) => revokeRecord(tx, t, orgId, id, '重复记录', decision(), eventsOf(p, 'alpha')));
    expect(await revoke()).toEqual({ ok: true });
    expect(await balance(volunteerAccountCode(volunteerId))).toBe(before - 75);
    expect(await balance(SERVICE_ISSUANCE)).toBe(issuanceBefore + 75);
    expect(await recordOf(id)).toMatchObject({ status: 'revoked', revocationReason: '重复记录' });
    expect(await heard('listener.revoked', id)).toHaveLength(1);
    expect(await revoke()).toEqual({ ok: false, reason: 'wrong_status' });
    expect(await balance(volunteerAccountCode(volunteerId))).toBe(before - 75);
    expect((await inCity(p, 'alpha', (tx, t) => verifyLedger(tx, t))).ok).toBe(true);
  });

  it('cannot reach another city’s records', async () => {
    const id = await serviceRecord(p, 'alpha', volunteerId, projectId, { minutes: 30 });
    const beta = tenantOf(p, 'beta').id;
    const result = await p.db.tenant(beta, (tx) => verifyRecords(tx, beta, orgId, [{ recordId: id }], decision(), eventsOf(p, 'beta')));
    expect(result.verified).toEqual([]);
    expect((await recordOf(id)).status).toBe('pending');
  });
});
