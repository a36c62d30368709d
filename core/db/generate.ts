/**
 * `npm run db:generate [-- --name=<name>]`: drizzle-kit generate (arguments passed
 * through), then FORCE ROW LEVEL SECURITY and the app role's grant beside every
 * ENABLE (core/db/force-rls.ts).
 */
import { spawnSync } from 'node:child_process';
import { forceRowLevelSecurity } from './force-rls.ts';

const run = spawnSync('npx', ['drizzle-kit', 'generate', ...process.argv.slice(2)], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
forceRowLevelSecurity();
