/**
 * `npm start` runs this first: core/main.ts and everything it imports from this
 * repository, as one JavaScript file `dist/main.js` (packages stay in
 * node_modules). Loading one file takes a third of the CPU time of tsx
 * transpiling and resolving each module at every start (bench/README.md,
 * "Issue 16, second part"). Plain JavaScript, so it runs before anything can be transpiled.
 *
 * A bundle already built from the same sources is kept: `dist/main.inputs.json` lists the files
 * the last build read and a hash of their contents (and of this file, tsconfig.json and
 * package.json); if they still hash the same, nothing is built (and esbuild is not even loaded).
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = path.join(root, 'dist', 'main.js');
const inputsFile = path.join(root, 'dist', 'main.inputs.json');
const alwaysRead = ['core/bundle.mjs', 'tsconfig.json', 'package.json'];

/** A hash of the files' paths and contents; undefined if one is gone (a rebuild then says why, if it matters). */
async function hashOf(files) {
  const hash = createHash('sha256');
  for (const file of [...alwaysRead, ...files].sort()) {
    try {
      hash.update(`${file}\0`).update(await readFile(path.join(root, file))).update('\0');
    } catch {
      return undefined;
    }
  }
  return hash.digest('hex');
}

const previous = await readFile(inputsFile, 'utf8').then(JSON.parse, () => undefined);
if (previous && (await access(outfile).then(() => true, () => false)) && (await hashOf(previous.inputs)) === previous.hash) {
  process.exit(0);
}
const { build } = await import('esbuild');

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

/**
 * Packages of many small ES modules, bundled into dist/main.js instead of loaded from node_modules:
 * Node's loader spends more CPU resolving, reading and linking each of their ~300 files than running
 * them. Together, so no package here imports another's separate copy. The rest stay external: native
 * code, WebAssembly and worker files found next to themselves, CommonJS, and what is loaded lazily.
 */
const bundledPackages = ['drizzle-orm', 'zod', 'hono', '@hono/node-server', '@hono/zod-openapi', '@hono/zod-validator', '@asteasolutions/zod-to-openapi', 'uuid', '@oslojs/crypto', '@oslojs/binary', '@oslojs/encoding', 'csv-parse', 'csv-stringify'];
const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const otherPackagesExternal = {
  name: 'other-packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || bundledPackages.includes(packageName(args.path))) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const { outputFiles, metafile } = await build({
  entryPoints: [path.join(root, 'core', 'main.ts')],
  absWorkingDir: root,
  metafile: true,
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false,
  tsconfig: path.join(root, 'tsconfig.json'),
  plugins: [otherPackagesExternal, ownUrlPerModule],
  logLevel: 'warning',
  write: false,
});
// Written aside, then renamed over: a process starting meanwhile loads the old file or the new one, never half of one.
await mkdir(path.dirname(outfile), { recursive: true });
for (const file of outputFiles) {
  await writeFile(`${file.path}.${process.pid}`, file.contents);
  await rename(`${file.path}.${process.pid}`, file.path);
}
// Only once the bundle is in place: a build killed before this line is redone at the next start.
// A bundled package stands for its files by its package.json (its version) and patch-package's patches:
// an install that changes its version, or a patch applied to it, rebuilds.
const packageFile = (file) => file.replace(/^(.*node_modules\/(@[^/]+\/)?[^/]+)\/.*$/, '$1/package.json');
const patches = (await readdir(path.join(root, 'patches')).catch(() => [])).map((file) => `patches/${file}`);
const inputs = [...new Set([...Object.keys(metafile.inputs).map((file) => (file.includes('node_modules/') ? packageFile(file) : file)), ...patches])].sort();
await writeFile(`${inputsFile}.${process.pid}`, JSON.stringify({ hash: await hashOf(inputs), inputs }));
await rename(`${inputsFile}.${process.pid}`, inputsFile);
