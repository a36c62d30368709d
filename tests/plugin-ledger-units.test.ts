import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../core/db/schema/identity.ts';
import { ensureAccount } from '../core/ledger/accounts.ts';
import { ledgerAccounts, ledgerTransfers } from '../core/ledger/schema.ts';
import { definePlugin, LedgerError } from '../core/plugin-api.ts';
import { contextInTransaction, pluginCity } from '../core/plugins/context.ts';
import { citySiteUrl } from '../core/platform/site-url.ts';
import { setPluginEnablement } from '../core/plugins/enablement.ts';
import { createUser } from '../core/identity/users.ts';
import { SERVICE_ISSUANCE, SERVICE_MINUTES } from '../core/volunteering/records/verification.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

/**
 * Gives each new member 10 points, in the one unit it declares. Asked to, it
 * also tries the core's service minutes: by account, or by an account id read
 * from the ledger's table past the context's ledger.
 */
const points = definePlugin({
  id: 'points',
  version: '1.0.0',
  name: { 'zh-CN': '积分', en: 'Points' },
  settings: z.object({}),
  ledgerUnits: ['POINT'],
  on: {
    'user.registered': (member, city) =>
      city.work(async (w) => {
        const bank = await w.ledger.ensureAccount({ unit: 'POINT', code: 'points:bank', allowNegative: true });
        const own = await w.ledger.ensureAccount({ unit: 'POINT', code: `points:${member.userId}` });
        await w.ledger.postTransfer({ debitAccountId: bank.id, creditAccountId: own.id, amount: 10, idempotencyKey: `points:welcome:${member.userId}`, kind: 'points.welcome' });
        if (member.name === 'asks-for-minutes') {
          await w.ledger.ensureAccount({ unit: SERVICE_MINUTES, code: `volunteer:${member.userId}` });
        }
        if (member.name === 'takes-minutes') {
          const [issuance] = await w.tx
            .select()
            .from(ledgerAccounts)
            .where(and(eq(ledgerAccounts.tenantId, w.tenantId), eq(ledgerAccounts.unit, SERVICE_MINUTES), eq(ledgerAccounts.code, SERVICE_ISSUANCE)));
          const mine = (await w.tx.select().from(ledgerAccounts).where(and(eq(ledgerAccounts.tenantId, w.tenantId), eq(ledgerAccounts.unit, SERVICE_MINUTES), eq(ledgerAccounts.code, 'minutes:taker'))))[0]!;
          await w.ledger.postTransfer({ debitAccountId: issuance!.id, creditAccountId: mine.id, amount: 600, idempotencyKey: `points:minutes:${member.userId}`, kind: 'points.minutes' });
        }
      }),
  },
});

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ plugins: [points] });
  const alpha = p.cities.alpha!.id;
  await p.db.tenant(alpha, async (tx) => {
    await setPluginEnablement(tx, alpha, points, { enabled: true, changedBy: 'test' });
    // Core accounts in the service-minute unit, for the plugin to try.
    await ensureAccount(tx, alpha, { unit: SERVICE_MINUTES, code: SERVICE_ISSUANCE, allowNegative: true });
    await ensureAccount(tx, alpha, { unit: SERVICE_MINUTES, code: 'minutes:taker' });
  });
});
afterAll(() => p.close());

/** Registers a member of alpha and tells its plugins, in one transaction, as the sign-up page does. */
const register = (name: string) =>
  p.db.tenant(p.cities.alpha!.id, async (tx) => {
    const tenantId = p.cities.alpha!.id;
    const userId = await createUser(tx, tenantId, { name, email: `${name}-${Date.now()}@alpha.test`, passwordHash: null });
    await p.registry.eventsFor(pluginCity(p.cities.alpha!, citySiteUrl(p.cities.alpha!, p.config))).emit(tx, 'user.registered', { userId, name, email: null, mobile: null });
    return userId;
  });
const membersNamed = (name: string) =>
  p.db.tenant(p.cities.alpha!.id, (tx) => tx.select().from(users).where(and(eq(users.tenantId, p.cities.alpha!.id), eq(users.name, name))));
const transfersOfKind = (kind: string) =>
  p.db.tenant(p.cities.alpha!.id, (tx) => tx.select().from(ledgerTransfers).where(and(eq(ledgerTransfers.tenantId, p.cities.alpha!.id), eq(ledgerTransfers.kind, kind))));

describe(`a plugin's ledger (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('posts in the unit the plugin declared', async () => {
    const userId = await register('welcome');
    const welcome = (await transfersOfKind('points.welcome')).filter((t) => t.idempotencyKey === `points:welcome:${userId}`);
    expect(welcome.map((t) => [t.unit, t.amount])).toEqual([['POINT', 10]]);
  });

  it('refuses an account in a unit it did not declare, and the whole change rolls back', async () => {
    const attempt = register('asks-for-minutes');
    await expect(attempt).rejects.toBeInstanceOf(LedgerError);
    await expect(attempt).rejects.toMatchObject({ code: 'unit_not_declared' });
    expect(await membersNamed('asks-for-minutes')).toEqual([]);
  });

  it('sums an account by its code as by its id (a code without an account: nothing), in its own units only', async () => {
    const member = await register('sums');
    const alpha = p.cities.alpha!;
    const city = pluginCity(alpha, citySiteUrl(alpha, p.config));
    await p.db.tenant(alpha.id, (tx) =>
      contextInTransaction(tx, city, {}, points, p.registry.eventsFor(city)).work(async (w) => {
        const own = await w.ledger.findAccount('POINT', `points:${member}`);
        const byCode = await w.ledger.movementsByCode('POINT', `points:${member}`);
        expect(byCode).toEqual({ credits: 10, debits: 0 });
        expect(byCode).toEqual(await w.ledger.movements([own!.id]));
        expect((await w.ledger.movementsByCode('POINT', 'points:bank')).debits).toBeGreaterThanOrEqual(10);
        expect(await w.ledger.movementsByCode('POINT', 'points:nobody')).toEqual({ credits: 0, debits: 0 });
        await expect(w.ledger.movementsByCode(SERVICE_MINUTES, SERVICE_ISSUANCE)).rejects.toMatchObject({ code: 'unit_not_declared' });
      }),
    );
  });

  it('refuses a posting between accounts of an undeclared unit even when it found their ids for itself', async () => {
    await expect(register('takes-minutes')).rejects.toMatchObject({ code: 'unit_not_declared' });
    expect(await transfersOfKind('points.minutes')).toEqual([]);
    expect(await membersNamed('takes-minutes')).toEqual([]);
  });
});
