/**
 * `npm run seed:scale -- --tenants 100 --volunteers 100000 --entries 10000000`
 *
 * Loads a platform's worth of realistic data: cities through the tenant service,
 * then for each city organisations, projects and activities through the
 * volunteering services, and in bulk (one `insert ... select from unnest`
 * statement per few thousand rows) volunteers with profiles and verified service
 * records with their ledger transfers and entries, chained by hash as
 * `postTransfers` chains them and with balances equal to the entries, so
 * `npm run ledger:verify -- <slug>` passes. Rows are written as the owner inside
 * a transaction with `app.tenant_id` set, so forced row-level security holds.
 *
 * On PostgreSQL with DATABASE_URL (or --url); otherwise on PGlite in --data-dir.
 * Cities are `bench-001`, `bench-002`, ...; a city that exists is skipped, so
 * a run can be resumed with the same flags. Prints a summary and writes it to
 * bench/results/seed-<database>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../core/config.ts';
import { openDatabase, type Database } from '../core/db/database.ts';
import { newId } from '../core/db/ids.ts';
import { migrateDatabase } from '../core/db/migrate.ts';
import { createUser, grantRole } from '../core/identity/users.ts';
import { GENESIS_HASH, transferHashV1 } from '../core/ledger/hash.ts';
import { createPluginRegistry } from '../core/plugins/registry.ts';
import { defineTenant } from '../core/tenancy/manifest.ts';
import { findTenantBySlug } from '../core/tenancy/service.ts';
import { syncTenants } from '../core/tenancy/sync.ts';
import { createActivity } from '../core/volunteering/activities/service.ts';
import { PROJECT_CATEGORIES, type ProjectCategory } from '../core/volunteering/shared/catalogue.ts';
import { issueCertificates } from '../core/volunteering/certificates/service.ts';
import { listDistricts, replaceDistricts } from '../core/volunteering/shared/districts.ts';
import { approveOrganisation, applyForOrganisation } from '../core/volunteering/organisations/service.ts';
import { advanceProject, createProject } from '../core/volunteering/projects/service.ts';
import { DAY_MS, toLocalDateInput } from '../core/volunteering/shared/time.ts';
import { SERVICE_ISSUANCE, SERVICE_MINUTES, volunteerAccountCode } from '../core/volunteering/records/verification.ts';
import { parseArgs } from './lib/args.ts';
import { col, inTenantTransaction, insertRows, type Exec } from './lib/bulk.ts';
import { progressBar } from './lib/progress.ts';
import { mulberry32 } from './lib/random.ts';

const args = parseArgs(process.argv.slice(2), {
  tenants: 5,
  volunteers: 5000,
  entries: 200000,
  url: '',
  dataDir: './bench/data',
  batch: 5000,
  seed: 42,
});
const url = args.url || loadConfig().DATABASE_URL;
/** Volunteers per organisation, about what the field shows (180,000 volunteers in 1,400 teams). */
const VOLUNTEERS_PER_ORGANISATION = 130;
const PROJECTS_PER_ORGANISATION = 3;
/** Records of the volunteer the benchmark signs in as, so their hours page has a realistic length. */
const BENCH_VOLUNTEER_RECORDS = 120;

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢'];
const GIVEN = [...'伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰红建国文斌志海燕鹏飞晨宇欣怡佳琪子涵浩然'];
const CONTENT = ['陪伴老人聊天', '社区环境清扫', '为儿童辅导功课', '协助社区义诊', '文明交通劝导', '图书馆整理图书', '助残出行陪同', '防诈骗宣传'];

const counts: Record<string, number> = {};
const count = (table: string, n: number) => (counts[table] = (counts[table] ?? 0) + n);

async function main() {
  const started = performance.now();
  const db = await openDatabase(url ? { url, maxConnections: 4 } : { dataDir: args.dataDir });
  console.error(`seeding ${url ? `PostgreSQL ${new URL(url).pathname.slice(1)}` : `PGlite in ${args.dataDir}`}: ${args.tenants} cities, ${args.volunteers} volunteers, ${args.entries} ledger entries`);
  await migrateDatabase(db, url);
  const random = mulberry32(args.seed);
  const perCity = (total: number, i: number) => Math.floor(total / args.tenants) + (i < total % args.tenants ? 1 : 0);
  const totalTransfers = Math.floor(args.entries / 2);
  // Rows to write: a user, a role and a profile a volunteer; a record, a transfer and two entries a posting.
  const bar = progressBar('rows', args.volunteers * 3 + totalTransfers * 4);
  const cities: { slug: string; volunteerEmail: string; certificateCode: string | null }[] = [];

  for (let i = 0; i < args.tenants; i++) {
    const slug = `bench-${String(i + 1).padStart(3, '0')}`;
    const existing = await db.platform((tx) => findTenantBySlug(tx, slug));
    const volunteers = perCity(args.volunteers, i);
    const transfers = perCity(totalTransfers, i);
    if (existing) {
      bar.add(volunteers * 3 + transfers * 4);
      continue;
    }
    cities.push(await seedCity(db, slug, i, Math.max(volunteers, 1), transfers, random, bar));
  }
  bar.finish();
  const seconds = (performance.now() - started) / 1000;
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  const summary = {
    database: url ? 'postgres' : 'pglite',
    sizes: { tenants: args.tenants, volunteers: args.volunteers, entries: args.entries },
    seeded: cities.length,
    rows: counts,
    seconds: Number(seconds.toFixed(1)),
    rowsPerSecond: Math.round(rows / seconds),
    databaseSize: await databaseSize(db),
    finishedAt: new Date().toISOString(),
  };
  await db.close();
  console.log(['table'.padEnd(22) + 'rows', ...Object.entries(counts).map(([t, n]) => `${t.padEnd(22)}${n}`)].join('\n'));
  console.log(`${rows} rows in ${summary.seconds} s (${summary.rowsPerSecond} rows/s)${summary.databaseSize ? `, database ${summary.databaseSize}` : ''}`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/seed-${summary.database}.json`, JSON.stringify(summary, null, 2) + '\n');
}

async function databaseSize(db: Database): Promise<string | null> {
  try {
    const [row] = await inTenantTransaction(db, null, (exec) => exec(`select pg_size_pretty(pg_database_size(current_database())) as size`));
    return String(row?.size);
  } catch {
    return null;
  }
}

async function seedCity(db: Database, slug: string, index: number, volunteerCount: number, transferCount: number, random: () => number, bar: ReturnType<typeof progressBar>) {
  const n = index + 1;
  const manifest = defineTenant({
    slug,
    names: { 'zh-CN': `基准${n}市`, en: `Bench City ${n}` },
    hosts: [],
    branding: { primaryColor: '#1f6f8b', accentColor: '#f2a900', logoText: `基准${n}市志愿`, footer: { 'zh-CN': `基准${n}市志愿服务平台`, en: `Bench City ${n}` }, contact: { phone: '12345' } },
  });
  const [tenant] = await syncTenants(db, [manifest], { registry: createPluginRegistry([]), seedDemo: false, site: loadConfig({}) });
  const t = tenant!.id;
  count('tenants', 1);

  // The people who run the city, and its organisations, projects and activities, through the services.
  const orgCount = Math.max(2, Math.ceil(volunteerCount / VOLUNTEERS_PER_ORGANISATION));
  const setup = await db.tenant(t, async (tx) => {
    let districts = await listDistricts(tx, t);
    if (districts.length === 0) {
      districts = ['城东区', '城西区', '城南区', '城北区'];
      await replaceDistricts(tx, t, districts, { actor: 'bench:seed', address: null });
    }
    const admin = await createUser(tx, t, { name: `${slug}管理员`, email: `admin@${slug}.bench`, passwordHash: null });
    await grantRole(tx, t, admin, 'city_admin');
    const organiser = await createUser(tx, t, { name: `${slug}组织者`, email: `organiser@${slug}.bench`, passwordHash: null });
    await grantRole(tx, t, organiser, 'social_worker');
    count('users', 2);
    const categories = Object.keys(PROJECT_CATEGORIES) as ProjectCategory[];
    const orgs: { id: string; projects: string[] }[] = [];
    for (let o = 0; o < orgCount; o++) {
      const applied = await applyForOrganisation(tx, t, organiser, {
        name: `${districts[o % districts.length]}第${o + 1}志愿服务队`,
        kind: o % 3 === 0 ? 'social_work_org' : 'volunteer_team',
        description: '扎根社区，开展助老、助残、环保和文明实践志愿服务。',
        district: districts[o % districts.length]!,
        contactPhone: '13800138000',
        creditCode: null,
      });
      if (!applied.ok) throw new Error(`organisation ${o} of ${slug} refused: ${applied.field}`);
      await approveOrganisation(tx, t, applied.id, { reviewerId: admin, address: null });
      const projects: string[] = [];
      for (let k = 0; k < PROJECTS_PER_ORGANISATION; k++) {
        const category = categories[(o * PROJECTS_PER_ORGANISATION + k) % categories.length]!;
        const projectId = await createProject(tx, t, applied.id, organiser, {
          name: `${PROJECT_CATEGORIES[category]['zh-CN']}项目${o + 1}-${k + 1}`,
          category,
          targetGroups: ['residents'],
          district: districts[(o + k) % districts.length]!,
          startsOn: new Date(Date.now() - 730 * DAY_MS),
          endsOn: new Date(Date.now() + 365 * DAY_MS),
          place: '社区党群服务中心',
          contact: '13800138000',
          volunteersWanted: 20,
          description: '每周固定开展的社区志愿服务项目。',
        });
        await advanceProject(tx, t, projectId, 'draft');
        const startsAt = new Date(Date.now() + (1 + k) * DAY_MS);
        await createActivity(tx, t, projectId, organiser, { title: `第${k + 1}期服务`, startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000), place: '社区党群服务中心', capacity: 30, requiresApproval: false });
        projects.push(projectId);
      }
      orgs.push({ id: applied.id, projects });
    }
    count('organisations', orgCount);
    count('projects', orgCount * PROJECTS_PER_ORGANISATION);
    count('activities', orgCount * PROJECTS_PER_ORGANISATION);
    return { districts, organiser, orgs };
  });

  // Volunteers with their profiles, in bulk.
  const volunteerIds: string[] = [];
  for (let from = 0; from < volunteerCount; from += args.batch) {
    const to = Math.min(volunteerCount, from + args.batch);
    const users: (string | null)[][] = [];
    const roles: string[][] = [];
    const profiles: (string | null)[][] = [];
    for (let v = from; v < to; v++) {
      const id = newId();
      volunteerIds.push(id);
      const name = SURNAMES[v % SURNAMES.length]! + GIVEN[Math.floor(v / SURNAMES.length) % GIVEN.length]! + (v % 3 === 0 ? GIVEN[(v * 7) % GIVEN.length]! : '');
      const mobile = `13${String(100000000 + v).slice(-9)}`;
      users.push([t, id, v === 0 ? `volunteer@${slug}.bench` : null, mobile, name]);
      roles.push([t, id, 'volunteer']);
      profiles.push([t, id, `${slug.toUpperCase()}-${String(v + 1).padStart(6, '0')}`, name, mobile, '{}', `{${setup.districts[v % setup.districts.length]}}`, '{weekend}']);
    }
    await inTenantTransaction(db, t, async (exec) => {
      await insertRows(exec, 'users', [col('tenant_id', 'uuid'), col('id', 'uuid'), col('email'), col('mobile'), col('name')], users);
      await insertRows(exec, 'user_roles', [col('tenant_id', 'uuid'), col('user_id', 'uuid'), col('role')], roles);
      await insertRows(exec, 'volunteer_profiles', [col('tenant_id', 'uuid'), col('user_id', 'uuid'), col('volunteer_number'), col('real_name'), col('mobile'), col('skills', 'text[]'), col('service_areas', 'text[]'), col('availability', 'text[]')], profiles);
    });
    count('users', users.length);
    count('user_roles', roles.length);
    count('volunteer_profiles', profiles.length);
    bar.add((to - from) * 3);
  }
  await inTenantTransaction(db, t, (exec) => exec(`insert into volunteer_number_counters (tenant_id, last_number) values ($1, $2)`, [t, volunteerCount]));

  // Ledger accounts: the city's issuing account and one for each volunteer who served.
  const pick = (): number => {
    // Some volunteers serve far more than others: a square skews towards the first ones.
    const r = random();
    return Math.floor(r * r * volunteerCount);
  };
  const servedBy = Array.from({ length: transferCount }, (_, k) => (k < Math.min(BENCH_VOLUNTEER_RECORDS, Math.floor(transferCount / 10)) ? 0 : pick()));
  const accountOf = new Map<number, string>();
  for (const v of servedBy) if (!accountOf.has(v)) accountOf.set(v, newId());
  const issuance = newId();
  await inTenantTransaction(db, t, async (exec) => {
    const accounts = [[t, issuance, SERVICE_MINUTES, SERVICE_ISSUANCE, 'true'], ...[...accountOf].map(([v, id]) => [t, id, SERVICE_MINUTES, volunteerAccountCode(volunteerIds[v]!), 'false'])];
    for (let k = 0; k < accounts.length; k += args.batch) {
      await insertRows(exec, 'ledger_accounts', [col('tenant_id', 'uuid'), col('id', 'uuid'), col('unit'), col('code'), col('allow_negative', 'boolean')], accounts.slice(k, k + args.batch));
    }
    count('ledger_accounts', accounts.length);
  });

  // Verified service records, each posted as postTransfers posts it; one transaction a batch, balances moved with it.
  const balances = new Map<string, number>();
  let prevHash = GENESIS_HASH;
  let seq = 0;
  const projects = setup.orgs.flatMap((o) => o.projects.map((p) => ({ org: o.id, project: p })));
  const start = Date.now() - 730 * DAY_MS;
  for (let from = 0; from < transferCount; from += args.batch) {
    const to = Math.min(transferCount, from + args.batch);
    const records: (string | number | null)[][] = [];
    const transfers: (string | number | null)[][] = [];
    const entries: (string | number | null)[][] = [];
    const moved = new Map<string, number>();
    for (let k = from; k < to; k++) {
      const v = servedBy[k]!;
      const account = accountOf.get(v)!;
      const { org, project } = projects[Math.floor(random() * projects.length)]!;
      const minutes = 30 + 15 * Math.floor(random() * 15);
      // Service days run forward through the two years, so the chain's order follows time.
      const startedAt = new Date(start + Math.floor(((k + random()) / transferCount) * 729 * DAY_MS));
      const decidedAt = new Date(startedAt.getTime() + minutes * 60_000 + 3600_000);
      const recordId = newId();
      const transfer = {
        tenantId: t, id: newId(), seq: ++seq, unit: SERVICE_MINUTES, debitAccountId: issuance, creditAccountId: account, amount: minutes,
        idempotencyKey: `service-record:${recordId}:verified`, kind: 'service.verified',
        memo: { record: recordId, organisation: org, project, activity: null }, reversesId: null, postedAt: decidedAt,
      };
      const hash = transferHashV1(prevHash, transfer);
      const issued = (balances.get(issuance) ?? 0) - minutes;
      const earned = (balances.get(account) ?? 0) + minutes;
      balances.set(issuance, issued);
      balances.set(account, earned);
      moved.set(issuance, (moved.get(issuance) ?? 0) - minutes);
      moved.set(account, (moved.get(account) ?? 0) + minutes);
      transfers.push([t, transfer.id, seq, SERVICE_MINUTES, issuance, account, minutes, transfer.idempotencyKey, transfer.kind, JSON.stringify(transfer.memo), decidedAt.toISOString(), prevHash, hash]);
      entries.push([t, transfer.id, issuance, -minutes, issued], [t, transfer.id, account, minutes, earned]);
      records.push([t, recordId, volunteerIds[v]!, org, project, 'claim', 'verified', startedAt.toISOString(), new Date(startedAt.getTime() + minutes * 60_000).toISOString(), minutes, CONTENT[k % CONTENT.length]!, volunteerIds[v]!, setup.organiser, decidedAt.toISOString(), transfer.id]);
      prevHash = hash;
    }
    await inTenantTransaction(db, t, async (exec) => {
      await insertRows(exec, 'ledger_transfers', [col('tenant_id', 'uuid'), col('id', 'uuid'), col('seq', 'bigint'), col('unit'), col('debit_account_id', 'uuid'), col('credit_account_id', 'uuid'), col('amount', 'bigint'), col('idempotency_key'), col('kind'), col('memo', 'jsonb'), col('posted_at', 'timestamptz'), col('prev_hash'), col('hash')], transfers);
      await insertRows(exec, 'ledger_entries', [col('tenant_id', 'uuid'), col('transfer_id', 'uuid'), col('account_id', 'uuid'), col('amount', 'bigint'), col('balance_after', 'bigint')], entries);
      await insertRows(exec, 'service_records', [col('tenant_id', 'uuid'), col('id', 'uuid'), col('volunteer_user_id', 'uuid'), col('organisation_id', 'uuid'), col('project_id', 'uuid'), col('source'), col('status'), col('started_at', 'timestamptz'), col('ended_at', 'timestamptz'), col('minutes', 'int'), col('content'), col('created_by', 'uuid'), col('decided_by', 'uuid'), col('decided_at', 'timestamptz'), col('transfer_id', 'uuid')], records);
      await moveBalances(exec, t, moved);
      await exec(
        `insert into ledger_heads (tenant_id, seq, hash, transfers) values ($1, $2, $3, $4)
         on conflict (tenant_id) do update set seq = excluded.seq, hash = excluded.hash, transfers = excluded.transfers`,
        [t, seq, prevHash, seq],
      );
    });
    count('ledger_transfers', transfers.length);
    count('ledger_entries', entries.length);
    count('service_records', records.length);
    bar.add((to - from) * 4);
  }

  // A certificate of the benchmark volunteer, for the public verify page.
  let certificateCode: string | null = null;
  if (transferCount > 0) {
    const certificate = await db.tenant(t, (tx) => issueCertificates(tx, { id: t, slug }, volunteerIds[0]!, toLocalDateInput(new Date(Date.now() - 365 * DAY_MS)), toLocalDateInput(new Date())));
    if (certificate.ok) {
      certificateCode = certificate.certificates[0]!.code;
      count('service_certificates', certificate.certificates.length);
    }
  }
  return { slug, volunteerEmail: `volunteer@${slug}.bench`, certificateCode };
}

async function moveBalances(exec: Exec, tenantId: string, moved: Map<string, number>) {
  const ids = [...moved.keys()];
  await exec(
    `update ledger_accounts a set balance = a.balance + m.delta::bigint
     from unnest($2::text[], $3::text[]) as m(id, delta)
     where a.tenant_id = $1 and a.id = m.id::uuid`,
    [tenantId, ids, ids.map((id) => String(moved.get(id)))],
  );
}

await main();
