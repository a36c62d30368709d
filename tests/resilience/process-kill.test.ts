import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type Database } from '../../core/db/database.ts';
import { createSession } from '../../core/identity/sessions.ts';
import { verifyLedger } from '../../core/ledger/verify.ts';
import { serviceRecords } from '../../core/volunteering/records/schema.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { citizen, inCity, organisation, project, serviceRecord } from '../volunteering/fixtures.ts';

/**
 * The app process is SIGKILLed in the middle of a burst of verifications (each
 * one a ledger posting with its idempotency key), restarted, and the same
 * requests sent again: every record ends up verified once, no key is posted
 * twice, and `ledger:verify` says OK. Runs on PostgreSQL when DATABASE_URL is
 * set, otherwise on PGlite in a data folder the server process opens.
 */
const RECORDS = 48;
const IN_FLIGHT = 6;
const KILL_AFTER = 12;

const onPostgres = Boolean(process.env.DATABASE_URL);
const dataDir = onPostgres ? undefined : mkdtempSync(join(tmpdir(), 'vc-kill-'));
let p: TestPlatform | undefined;
let server: ServerProcess | undefined;

afterAll(async () => {
  server?.child.kill('SIGKILL');
  await p?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const serverEnv = (): Record<string, string> => (onPostgres ? { DATABASE_URL: p!.url! } : { DATABASE_URL: '', DATA_DIR: dataDir! });

describe(`the app process killed during a burst of postings (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('keeps the ledger whole: after a restart and a retry of the same requests, each record is posted once and ledger:verify is OK', async () => {
    p = await startTestPlatform({ dataDir });
    const who = await citizen(p, 'alpha', '甲组织者');
    const volunteer = await citizen(p, 'alpha', '甲志愿者', { profile: true });
    const org = await organisation(p, 'alpha', who.id);
    const projectId = await project(p, 'alpha', org, who.id);
    const records: string[] = [];
    for (let i = 0; i < RECORDS; i++) records.push(await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 30 + i }));
    const { token } = await inCity(p, 'alpha', (tx, t) => createSession(tx, t, who.id, {}));
    if (!onPostgres) {
      await p.close(); // PGlite's folder is open to one process at a time
      p = undefined;
    }

    server = await startServerProcess(serverEnv());
    const verifyAll = async (port: number, ids: string[], onAnswer: () => void) => {
      const statuses: (number | 'dropped')[] = [];
      let next = 0;
      const worker = async () => {
        while (next < ids.length) {
          const id = ids[next++]!;
          try {
            const res = await fetch(`http://127.0.0.1:${port}/t/alpha/records/${id}/verify`, {
              method: 'POST',
              redirect: 'manual',
              headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://127.0.0.1:${port}`, cookie: `session=${token}` },
              body: 'hours=&minutes=',
              signal: AbortSignal.timeout(30_000),
            });
            await res.arrayBuffer();
            statuses.push(res.status);
          } catch {
            statuses.push('dropped');
          }
          onAnswer();
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      return statuses;
    };

    let answered = 0;
    const first = await verifyAll(server.port, records, () => {
      if (++answered === KILL_AFTER) server!.child.kill('SIGKILL');
    });
    await server.exited;
    expect(first.filter((s) => s === 303).length).toBeGreaterThanOrEqual(KILL_AFTER - IN_FLIGHT);
    expect(first.filter((s) => s === 'dropped').length, 'the kill came too late to interrupt the burst').toBeGreaterThan(0);
    expect(first.filter((s) => typeof s === 'number' && s >= 500)).toEqual([]);

    server = await startServerProcess(serverEnv());
    const retry = await verifyAll(server.port, records, () => {});
    // Posted before the kill: the record is no longer pending (a 4xx page); the rest are verified now.
    expect(retry.filter((s) => s === 'dropped' || s >= 500)).toEqual([]);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    server = undefined;

    const cli = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'core/ledger/verify-cli.ts', 'alpha'], {
      env: { ...process.env, ...serverEnv(), LOG_LEVEL: 'warn' },
    });
    expect(cli.stdout).toContain(`OK alpha: ${RECORDS} transfers`);

    const db: Database = p?.db ?? (await openDatabase({ dataDir }));
    try {
      const tenantId = await db.platform(async (tx) => rowsOf<{ id: string }>(await tx.execute(sql`select id from tenants where slug = 'alpha'`))[0]!.id);
      await db.tenant(tenantId, async (tx) => {
        const rows = await tx.select().from(serviceRecords).where(and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.organisationId, org)));
        expect(rows.filter((r) => r.status === 'verified')).toHaveLength(RECORDS);
        const keys = rowsOf<{ key: string; n: number }>(
          await tx.execute(sql`select idempotency_key as key, count(*)::int as n from ledger_transfers where tenant_id = ${tenantId} group by 1`),
        );
        expect(keys).toHaveLength(RECORDS);
        expect(keys.filter((k) => k.n !== 1)).toEqual([]);
        expect(new Set(keys.map((k) => k.key))).toEqual(new Set(records.map((id) => `service-record:${id}:verified`)));
        expect((await verifyLedger(tx, tenantId)).ok).toBe(true);
      });
    } finally {
      if (!p) await db.close();
    }
  }, 240_000);
});
