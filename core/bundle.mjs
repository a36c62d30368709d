/**
 * `npm start` runs this first: core/main.ts and everything it imports from this
 * repository, as one JavaScript file `dist/main.js` (packages stay in
 * node_modules). Loading one file takes a third of the CPU time of tsx
 * transpiling and resolving each module at every start (bench/README.md,
 * "Issue 16, second part"). Plain JavaScript, so it runs before anything can be transpiled.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = path.join(root, 'dist', 'main.js');

/** A module that finds files next to itself (`new URL('./theme.css', import.meta.url)`) still finds them from dist/. */
const ownUrlPerModule = {
  name: 'own-url-per-module',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromBundle = path.relative(path.dirname(outfile), args.path).split(path.sep).join('/');
      return {
        contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`),
        loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
      };
    });
  },
};

const { outputFiles } = await build({
  entryPoints: [path.join(root, 'core', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  tsconfig: path.join(root, 'tsconfig.json'),
  plugins: [ownUrlPerModule],
  logLevel: 'warning',
  write: false,
});
// Written aside, then renamed over: a process starting meanwhile loads the old file or the new one, never half of one.
await mkdir(path.dirname(outfile), { recursive: true });
for (const file of outputFiles) {
  await writeFile(`${file.path}.${process.pid}`, file.contents);
  await rename(`${file.path}.${process.pid}`, file.path);
}
