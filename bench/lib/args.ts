/** `--name value` and `--flag` command-line options, with defaults; unknown options stop the run. */
export function parseArgs<T extends Record<string, string | number | boolean>>(argv: string[], defaults: T): T {
  const out: Record<string, string | number | boolean> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const name = arg.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (!(name in defaults)) throw new Error(`unknown option ${arg}; known: ${Object.keys(defaults).map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(' ')}`);
    const kind = typeof defaults[name];
    if (kind === 'boolean') {
      out[name] = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    if (kind === 'number') {
      const n = Number(value.replace(/_/g, ''));
      if (!Number.isFinite(n) || n < 0) throw new Error(`${arg} needs a number, got ${value}`);
      out[name] = n;
    } else out[name] = value;
  }
  return out as T;
}
