/**
 * drizzle-kit emits `ENABLE ROW LEVEL SECURITY` for tables with policies but never
 * FORCE (without FORCE the table owner bypasses the policies). core/db/generate.ts
 * runs this after `drizzle-kit generate`: it adds FORCE beside every ENABLE that lacks one.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../../migrations/', import.meta.url).pathname;
const enable = /^ALTER TABLE ("[^"]+") ENABLE ROW LEVEL SECURITY;(--> statement-breakpoint)?$/;

export function forceRowLevelSecurity(): void {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
    const path = join(dir, file);
    const lines = readFileSync(path, 'utf8').split('\n');
    const text = lines.join('\n');
    const out: string[] = [];
    for (const line of lines) {
      out.push(line);
      const m = enable.exec(line);
      if (m && !text.includes(`ALTER TABLE ${m[1]} FORCE ROW LEVEL SECURITY;`)) {
        out.push(`ALTER TABLE ${m[1]} FORCE ROW LEVEL SECURITY;--> statement-breakpoint`);
      }
    }
    if (out.length !== lines.length) {
      writeFileSync(path, out.join('\n'));
      console.log(`forced row-level security in ${file}`);
    }
  }
}
