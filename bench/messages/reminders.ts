/**
 * `npm run bench:reminders`: issue 12 item 6. One city with `--reminders`
 * volunteers (10,000), each holding a place at one of `--activities` activities
 * that start in 12 hours (the sign-ups made once the server's own start-up run of
 * the reminders job has completed); then, while the city's home page is loaded
 * (a new address every request, so it runs its queries, served by `core/main.ts`,
 * loaded by autocannon from a child process, page-load.ts):
 *  - enqueue: the `volunteering.reminders` job's run, which finds the due
 *    sign-ups in one statement and queues the reminders with `queueMessages`;
 *  - send: `deliverDueMessages` (what the `messages.deliver` job runs) over
 *    SMTP with nodemailer to an smtp-server sink in this process, until the
 *    sink has them all.
 * The page is first loaded flat out, then at half that rate, steadily, idle
 * and during the work. Reports reminders/s queued, messages/s sent (queued
 * to the last one received), and the page's p50/p99 idle and during. Writes
 * bench/results/reminders-<time>.json, with this process's round trips to
 * PostgreSQL (socket writes, counted as bench/http/round-trips.ts does) per
 * reminder queued and per message it sent. Needs a PostgreSQL server on which the
 * user may create databases; `--url`'s database is made afresh each run.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../../core/config.ts';
import { openDatabase, rowsOf, type Database } from '../../core/db/database.ts';
import { newId } from '../../core/db/ids.ts';
import { migrateDatabase } from '../../core/db/migrate.ts';
import { createLogger } from '../../core/http/logger.ts';
import type { Enqueue } from '../../core/jobs/job-queue.ts';
import { createUser, grantRole } from '../../core/identity/users.ts';
import { deliverDueMessages } from '../../core/messages/delivery.ts';
import { smtpTransport } from '../../core/messages/transports/email.ts';
import { createPluginRegistry } from '../../core/plugins/registry.ts';
import { defineTenant } from '../../core/tenancy/manifest.ts';
import { syncTenants } from '../../core/tenancy/sync.ts';
import { createActivity } from '../../core/volunteering/activities/service.ts';
import { activityRemindersJob } from '../../core/volunteering/activities/reminders-job.ts';
import { approveOrganisation, applyForOrganisation } from '../../core/volunteering/organisations/service.ts';
import { advanceProject, createProject } from '../../core/volunteering/projects/service.ts';
import { replaceDistricts } from '../../core/volunteering/shared/districts.ts';
import { DAY_MS } from '../../core/volunteering/shared/time.ts';
import { startServerProcess } from '../../tests/support/server-process.ts';
import type { PageFigures } from '../http/load.ts';
import { parseArgs } from '../lib/args.ts';
import { col, inTenantTransaction, insertRows } from '../lib/bulk.ts';
import { round } from '../lib/stats.ts';

const args = parseArgs(process.argv.slice(2), {
  url: process.env.BENCH_MESSAGES_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vc_bench_messages',
  reminders: 10000,
  activities: 10,
  /** Page load: connections, and the length of a measurement (the load during the work repeats it until the work is done). */
  connections: 16,
  seconds: 5,
  batch: 5000,
});
const SLUG = 'reminders-bench';

// Round trips of this process to PostgreSQL (the server and the page load are other processes): counted, not timed.
const pgPort = Number(new URL(args.url).port || 5432);
let pgWrites = 0;
const socketWrite = net.Socket.prototype.write;
net.Socket.prototype.write = function (this: net.Socket, ...rest: Parameters<typeof socketWrite>) {
  if (this.remotePort === pgPort) pgWrites++;
  return socketWrite.apply(this, rest);
} as typeof socketWrite;
const HOST = `${SLUG}.localhost`;
const log = (line: string) => console.error(line);

/** Counts what arrives and when the last one did; keeps no bodies (a sink, not a mailbox). */
async function startCountingSink() {
  let received = 0;
  let lastAt = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received += 1;
        lastAt = performance.now();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    lastAt: () => lastAt,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function freshDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  const server = new URL(url);
  server.pathname = '/postgres';
  const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
}

/** The reminders job queues messages in the outbox, never a job: a job asked for would be a change this bench should see. */
const refuseJobs: Enqueue = async (name) => {
  throw new Error(`the reminders job asked to queue the job ${name}; this bench measures the outbox only`);
};

/** The city, an organisation with a project and its activities (through the services). */
async function seedCity(db: Database): Promise<{ tenantId: string; activityIds: string[] }> {
  const manifest = defineTenant({
    slug: SLUG,
    names: { 'zh-CN': '提醒基准市', en: 'Reminder Bench City' },
    hosts: [],
    branding: { primaryColor: '#1f6f8b', accentColor: '#f2a900', logoText: '提醒基准市志愿', footer: { 'zh-CN': '提醒基准市志愿服务平台', en: 'Reminder Bench City' }, contact: { phone: '12345' } },
  });
  const [tenant] = await syncTenants(db, [manifest], { registry: createPluginRegistry([]), seedDemo: false, site: loadConfig({}) });
  const t = tenant!.id;
  const startsAt = new Date(Date.now() + 12 * 3600_000);
  const activityIds = await db.tenant(t, async (tx) => {
    await replaceDistricts(tx, t, ['城东区', '城西区'], { actor: 'bench:reminders', address: null });
    const admin = await createUser(tx, t, { name: '管理员', email: `admin@${SLUG}.bench`, passwordHash: null });
    await grantRole(tx, t, admin, 'city_admin');
    const organiser = await createUser(tx, t, { name: '组织者', email: `organiser@${SLUG}.bench`, passwordHash: null });
    const org = await applyForOrganisation(tx, t, organiser, { name: '城东志愿服务队', kind: 'volunteer_team', description: '社区志愿服务。', district: '城东区', contactPhone: '13800138000', creditCode: null });
    if (!org.ok) throw new Error('organisation refused');
    await approveOrganisation(tx, t, org.id, { reviewerId: admin, address: null });
    const project = await createProject(tx, t, org.id, organiser, {
      name: '社区助老', category: 'elder_care', targetGroups: ['elderly'], district: '城东区', startsOn: new Date(Date.now() - DAY_MS), endsOn: new Date(Date.now() + 30 * DAY_MS),
      place: '社区党群服务中心', contact: '13800138000', volunteersWanted: args.reminders, description: '每周探访独居老人。',
    });
    await advanceProject(tx, t, project, 'draft');
    const ids: string[] = [];
    for (let a = 0; a < args.activities; a++) {
      const capacity = Math.ceil(args.reminders / args.activities);
      ids.push(await createActivity(tx, t, project, organiser, { title: `第${a + 1}组探访`, startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000), place: '社区党群服务中心', capacity, requiresApproval: false }));
    }
    return ids;
  });
  return { tenantId: t, activityIds };
}

/** Volunteers and their confirmed sign-ups, in bulk. */
async function seedSignups(db: Database, t: string, activityIds: string[]): Promise<void> {
  for (let from = 0; from < args.reminders; from += args.batch) {
    const n = Math.min(args.batch, args.reminders - from);
    const people = Array.from({ length: n }, (_, i) => ({ id: newId(), i: from + i }));
    await inTenantTransaction(db, t, async (exec) => {
      await insertRows(exec, 'users', [col('tenant_id', 'uuid'), col('id', 'uuid'), col('email'), col('name')], people.map((p) => [t, p.id, `volunteer-${p.i}@${SLUG}.bench`, `志愿者${p.i}`]));
      const signups = people.map((p) => [t, activityIds[p.i % activityIds.length]!, p.id, 'confirmed', Math.floor(p.i / activityIds.length) + 1]);
      await insertRows(exec, 'activity_signups', [col('tenant_id', 'uuid'), col('activity_id', 'uuid'), col('user_id', 'uuid'), col('status'), col('queue_number', 'int')], signups);
    });
  }
}

/**
 * The server runs the hourly reminders job as it starts (a run missed within the day is made up), and
 * it would queue the bench's reminders itself: the sign-ups are made only once that run has completed
 * (the next one is at the top of the hour; a bench that crosses it measures a shared enqueue).
 */
async function serverRemindersRan(db: Database): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 180_000; await new Promise((r) => setTimeout(r, 500))) {
    const [row] = rowsOf<{ n: number }>(await db.platform((tx) => tx.execute(sql`select count(*)::int as n from pgboss.job where name = 'volunteering.reminders' and state = 'completed'`)));
    if ((row?.n ?? 0) > 0) return;
  }
  throw new Error("the server's reminders run did not complete within 3 minutes");
}

type LoadFigures = PageFigures & { seconds: number };

/** The home page loaded from a child process (page-load.ts): flat out (`rate` 0, one slice) or steadily at `rate` until `stop()`. */
function pageLoad(url: string, rate: number, options: { once?: boolean } = {}) {
  const child = fork('bench/messages/page-load.ts', [url, String(args.connections), String(args.seconds), HOST, String(rate), ...(options.once ? ['--once'] : [])], { execArgv: ['--import', 'tsx'] });
  const figures = new Promise<LoadFigures>((resolve, reject) => {
    child.once('message', (m) => resolve(m as LoadFigures));
    child.once('exit', (code) => reject(new Error(`page load exited with ${code} before it reported`)));
  });
  return { figures, stop: () => child.send('stop') };
}

async function main() {
  log(`fresh database ${new URL(args.url).pathname.slice(1)}: one city, ${args.reminders} volunteers at ${args.activities} activities 12 hours away`);
  await freshDatabase(args.url);
  const db = await openDatabase({ url: args.url, maxConnections: 4 });
  await migrateDatabase(db, args.url);
  const { tenantId, activityIds } = await seedCity(db);
  const sink = await startCountingSink();
  // The server gets the same sink: should its own delivery job take some of the messages, they arrive all the same.
  const server = await startServerProcess({ DATABASE_URL: args.url, SMTP_URL: sink.url, WEB_CONCURRENCY: '1', PAGE_CACHE_SECONDS: '5' }, { timeoutMs: 120_000 });
  await serverRemindersRan(db);
  await seedSignups(db, tenantId, activityIds);
  const page = `http://127.0.0.1:${server.port}/`;
  const config = loadConfig({ DATABASE_URL: args.url, SMTP_URL: sink.url, LOG_LEVEL: 'warn' });
  const logger = createLogger('warn');
  const email = smtpTransport({ url: sink.url, from: config.MAIL_FROM });
  try {
    await pageLoad(page, 0).figures; // warm-up
    const peak = await pageLoad(page, 0).figures;
    // Pages at half the peak, steadily, before and during the work: what the work costs them is latency (and any rate they miss).
    const rate = Math.max(1, Math.round(peak.requestsPerSecond / 2));
    const before = await pageLoad(page, rate, { once: true }).figures;
    log(`home page: ${peak.requestsPerSecond} req/s flat out; at ${rate} req/s, idle: p50 ${before.latencyMs.p50} ms, p99 ${before.latencyMs.p99} ms`);

    const during = pageLoad(page, rate);
    const t0 = performance.now();
    let queuedAt: number;
    const trips = { enqueue: 0, send: 0, sentHere: 0 };
    try {
      const writesBefore = pgWrites;
      await activityRemindersJob.run({}, { db, logger, config, enqueue: refuseJobs });
      queuedAt = performance.now();
      trips.enqueue = pgWrites - writesBefore;
      while (sink.received() < args.reminders) {
        const writesBeforeRun = pgWrites;
        const report = await deliverDueMessages({ db, logger, transports: { email } });
        trips.sentHere += report.sent;
        if (report.sent > 0) trips.send += pgWrites - writesBeforeRun;
        if (report.sent + report.retrying + report.failed === 0) await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      during.stop();
    }
    const meanwhile = await during.figures;
    const times = { queueSeconds: (queuedAt - t0) / 1000, sendSeconds: (sink.lastAt() - queuedAt) / 1000 };
    const queued = round(args.reminders / times.queueSeconds) ?? 0;
    const sent = round(args.reminders / times.sendSeconds) ?? 0;
    log(`enqueue ${args.reminders} reminders: ${round(times.queueSeconds, 2)} s (${queued}/s); send: ${round(times.sendSeconds, 2)} s (${sent}/s)`);
    const roundTrips = { perReminderQueued: round(trips.enqueue / args.reminders, 3), perMessageSent: round(trips.send / Math.max(1, trips.sentHere), 3), sentByBench: trips.sentHere };
    log(`round trips to PostgreSQL: ${roundTrips.perReminderQueued} a reminder queued, ${roundTrips.perMessageSent} a message sent (${trips.sentHere} sent by the bench, the rest by the server)`);
    log(`home page at ${rate} req/s, meanwhile: ${meanwhile.requestsPerSecond} req/s served, p50 ${meanwhile.latencyMs.p50} ms, p99 ${meanwhile.latencyMs.p99} ms`);
    const result = {
      at: new Date().toISOString(),
      args,
      reminders: args.reminders,
      enqueue: { seconds: round(times.queueSeconds, 2), perSecond: queued },
      roundTrips,
      send: { seconds: round(times.sendSeconds, 2), perSecond: sent, transport: 'nodemailer pool (3 connections) to smtp-server on 127.0.0.1' },
      pages: { path: '/ (a new address every request)', peak, rate, before, during: meanwhile },
      tenantId,
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(`bench/results/reminders-${result.at.replace(/[:.]/g, '-')}.json`, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify({ enqueue: result.enqueue, roundTrips, send: result.send.perSecond, pages: { peak: peak.requestsPerSecond, rate, p99Before: before.latencyMs.p99, p99During: meanwhile.latencyMs.p99, servedDuring: meanwhile.requestsPerSecond } }));
  } finally {
    email.close?.();
    server.child.kill('SIGTERM');
    await server.exited;
    await sink.close();
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
