import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** `npm start`'s first step (core/bundle.mjs) keeps a bundle built from the same sources and rebuilds one that is not. */
const bundle = () => execFileSync(process.execPath, ['core/bundle.mjs']);
const built = () => statSync('dist/main.js').mtimeMs;
const inputs = () => JSON.parse(readFileSync('dist/main.inputs.json', 'utf8')) as { hash: string; inputs: string[] };

describe('the bundle step', () => {
  it('keeps the bundle while its sources hash the same, and rebuilds it when they do not', () => {
    bundle();
    const first = built();
    expect(inputs().inputs).toContain('core/main.ts');
    bundle();
    expect(built()).toBe(first);
    // As if a source had changed since: the recorded hash no longer matches.
    const recorded = inputs();
    writeFileSync('dist/main.inputs.json', JSON.stringify({ ...recorded, hash: 'stale' }));
    bundle();
    expect(built()).toBeGreaterThan(first);
    expect(inputs().hash).toBe(recorded.hash);
  }, 120_000);

  it('rebuilds when a package bundled into it changes version, and leaves the others to node_modules', () => {
    bundle();
    // drizzle-orm is bundled (core/bundle.mjs, bundledPackages): its installed package.json is hashed with our sources.
    expect(inputs().inputs.some((file) => file.endsWith('node_modules/drizzle-orm/package.json'))).toBe(true);
    expect(inputs().inputs).toEqual(expect.arrayContaining(readdirSync('patches').map((file) => `patches/${file}`)));
    const code = readFileSync('dist/main.js', 'utf8');
    expect(code).not.toMatch(/from "drizzle-orm/);
    expect(code).toMatch(/from "@electric-sql\/pglite"/);
  }, 120_000);
});
