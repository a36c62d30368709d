/**
 * Ledger postings per second under concurrency: `concurrency` workers post for
 * `seconds` through `postTransfers` (the code the app posts with), each commit
 * in a city's tenant transaction, one transfer or `batch` transfers a commit.
 * Accounts and cities are drawn uniformly, or with a hot-spot skew (zipfian: a
 * few cities, and within a city a few organisation accounts, take most postings).
 * Afterwards every city it posted in is checked with `verifyLedger` (hash chain,
 * each transfer's two entries, balances equal entries, debits equal credits).
 * Prints one JSON line. Run by bench/run.ts as its own process.
 */
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf, type Database } from '../../core/db/database.ts';
import { newId } from '../../core/db/ids.ts';
import { migrateDatabase } from '../../core/db/migrate.ts';
import { LedgerError } from '../../core/ledger/errors.ts';
import { postTransfers, type TransferRequest } from '../../core/ledger/post.ts';
import { verifyLedger } from '../../core/ledger/verify.ts';
import { createPluginRegistry } from '../../core/plugins/registry.ts';
import { defineTenant } from '../../core/tenancy/manifest.ts';
import { syncTenants } from '../../core/tenancy/sync.ts';
import { parseArgs } from '../lib/args.ts';
import { col, inTenantTransaction, insertRows } from '../lib/bulk.ts';
import { mulberry32, zipf } from '../lib/random.ts';
import { quantile, round } from '../lib/stats.ts';

const args = parseArgs(process.argv.slice(2), {
  url: '',
  dataDir: '',
  cities: 100,
  organisationAccounts: 10,
  volunteerAccounts: 1000,
  distribution: 'uniform',
  batch: 1,
  concurrency: 8,
  seconds: 10,
  maxCommits: 1_000_000,
  seed: 7,
  label: '',
});
const UNIT = 'BENCH_MINUTE';

type City = { id: string; organisations: string[]; volunteers: string[] };

/** The benchmark's own cities (`ledger-001`...), with accounts that may go negative, made once. */
async function benchCities(db: Database): Promise<City[]> {
  const manifests = Array.from({ length: args.cities }, (_, i) =>
    defineTenant({
      slug: `ledger-${String(i + 1).padStart(3, '0')}`,
      names: { 'zh-CN': `账本基准${i + 1}`, en: `Ledger bench ${i + 1}` },
      hosts: [],
      branding: { primaryColor: '#333333', accentColor: '#f2a900', logoText: '账本', footer: { 'zh-CN': '账本', en: 'Ledger' }, contact: {} },
    }),
  );
  const tenants = await syncTenants(db, manifests, { registry: createPluginRegistry([]), seedDemo: false });
  const cities: City[] = [];
  for (const tenant of tenants) {
    const existing = await inTenantTransaction(db, tenant.id, (exec) => exec(`select id::text as id, code from ledger_accounts where tenant_id = $1 and unit = $2`, [tenant.id, UNIT]));
    const byCode = new Map(existing.map((r) => [String(r.code), String(r.id)]));
    const wanted = [
      ...Array.from({ length: args.organisationAccounts }, (_, k) => `organisation:${k}`),
      ...Array.from({ length: args.volunteerAccounts }, (_, k) => `volunteer:${k}`),
    ];
    const missing = wanted.filter((code) => !byCode.has(code)).map((code) => [tenant.id, newId(), UNIT, code, 'true']);
    for (const row of missing) byCode.set(row[3]!, row[1]!);
    if (missing.length > 0) {
      await inTenantTransaction(db, tenant.id, (exec) =>
        insertRows(exec, 'ledger_accounts', [col('tenant_id', 'uuid'), col('id', 'uuid'), col('unit'), col('code'), col('allow_negative', 'boolean')], missing),
      );
    }
    cities.push({
      id: tenant.id,
      organisations: wanted.slice(0, args.organisationAccounts).map((c) => byCode.get(c)!),
      volunteers: wanted.slice(args.organisationAccounts).map((c) => byCode.get(c)!),
    });
  }
  return cities;
}

async function main() {
  const db = await openDatabase(args.url ? { url: args.url, maxConnections: args.concurrency } : { dataDir: args.dataDir || undefined });
  await migrateDatabase(db, args.url || undefined);
  const cities = await benchCities(db);
  const skewed = args.distribution === 'zipf';
  if (!skewed && args.distribution !== 'uniform') throw new Error('--distribution is uniform or zipf');

  const runId = newId();
  const deadline = performance.now() + args.seconds * 1000;
  const latencies: number[] = [];
  const refused: Record<string, number> = {};
  const touched = new Set<string>();
  let commits = 0;
  let postings = 0;
  let counter = 0;

  const worker = async (w: number) => {
    const random = mulberry32(args.seed * 1000 + w);
    const pickCity = skewed ? zipf(cities.length, 1.1, random) : () => Math.floor(random() * cities.length);
    const pickOrganisation = zipf(args.organisationAccounts, 1.1, random);
    while (performance.now() < deadline && commits < args.maxCommits) {
      const city = cities[pickCity()]!;
      const requests: TransferRequest[] = [];
      for (let b = 0; b < args.batch; b++) {
        let debit: string;
        let credit: string;
        if (skewed) {
          // Volunteer activity lands on a few organisation accounts.
          debit = city.organisations[pickOrganisation()]!;
          credit = city.volunteers[Math.floor(random() * city.volunteers.length)]!;
        } else {
          const all = city.organisations.length + city.volunteers.length;
          const account = (k: number) => (k < city.organisations.length ? city.organisations[k]! : city.volunteers[k - city.organisations.length]!);
          const d = Math.floor(random() * all);
          const c = (d + 1 + Math.floor(random() * (all - 1))) % all;
          debit = account(d);
          credit = account(c);
        }
        requests.push({ debitAccountId: debit, creditAccountId: credit, amount: 1 + Math.floor(random() * 240), idempotencyKey: `bench:${runId}:${counter++}`, kind: 'bench.posting' });
      }
      const started = performance.now();
      try {
        await db.tenant(city.id, (tx) => postTransfers(tx, city.id, requests));
        latencies.push(performance.now() - started);
        commits += 1;
        postings += requests.length;
        touched.add(city.id);
      } catch (e) {
        const code = e instanceof LedgerError ? e.code : ((e as { code?: string }).code ?? String(e));
        refused[code] = (refused[code] ?? 0) + 1;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: args.concurrency }, (_, w) => worker(w)));
  const seconds = (performance.now() - started) / 1000;

  // Every city posted in: chain, entries, balances, debits = credits.
  const checks = await Promise.all([...touched].map((id) => db.tenant(id, (tx) => verifyLedger(tx, id))));
  const bad = checks.filter((c) => !c.ok);
  const [sizes] = rowsOf<{ transfers: string }>(await db.platform((tx) => tx.execute(sql`select count(*)::text as transfers from ledger_transfers where kind = 'bench.posting'`)));
  await db.close();
  console.log(
    JSON.stringify({
      label: args.label,
      database: args.url ? 'postgres' : 'pglite',
      distribution: args.distribution,
      batch: args.batch,
      concurrency: args.concurrency,
      cities: args.cities,
      seconds: round(seconds, 2),
      commits,
      postings,
      postingsPerSecond: round(postings / seconds),
      commitsPerSecond: round(commits / seconds),
      latencyMs: { p50: round(quantile(latencies, 0.5), 2), p99: round(quantile(latencies, 0.99), 2) },
      refused,
      verified: { cities: checks.length, ok: bad.length === 0, problems: bad.slice(0, 3) },
      benchTransfersInDatabase: Number(sizes?.transfers ?? 0),
    }),
  );
  if (bad.length > 0) process.exitCode = 1;
}

await main();
