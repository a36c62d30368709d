/**
 * drizzle-kit emits `ENABLE ROW LEVEL SECURITY` for tables with policies but never
 * FORCE (without FORCE the table owner bypasses the policies). core/db/generate.ts
 * runs this after `drizzle-kit generate`: beside every ENABLE that lacks one it adds
 * FORCE, and grants the table to the app role, which gets no table by default
 * (migrations/0013): a tenant table is the app role's, a global one is not.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ROLE } from './database.ts';

const dir = new URL('../../migrations/', import.meta.url).pathname;
const enable = /^ALTER TABLE ("[^"]+") ENABLE ROW LEVEL SECURITY;(--> statement-breakpoint)?$/;

/** One migration's SQL with FORCE and the app role's grant after each ENABLE that has no FORCE yet. */
export function forceAndGrant(text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    out.push(line);
    const m = enable.exec(line);
    if (m && !text.includes(`ALTER TABLE ${m[1]} FORCE ROW LEVEL SECURITY;`)) {
      out.push(`ALTER TABLE ${m[1]} FORCE ROW LEVEL SECURITY;--> statement-breakpoint`);
      out.push(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${m[1]} TO ${APP_ROLE};--> statement-breakpoint`);
    }
  }
  return out.join('\n');
}

export function forceRowLevelSecurity(): void {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    const out = forceAndGrant(text);
    if (out !== text) {
      writeFileSync(path, out);
      console.log(`forced row-level security and granted the app role in ${file}`);
    }
  }
}
