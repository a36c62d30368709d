import { spawn, type ChildProcess } from 'node:child_process';

/**
 * `core/main.ts` as its own process on 127.0.0.1, as `npm start` runs it; for
 * tests that kill the process and for the benchmarks.
 */
export type ServerProcess = { child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> };

export async function startServerProcess(env: Record<string, string>, options: { port?: number; timeoutMs?: number; entry?: string } = {}): Promise<ServerProcess> {
  const port = options.port ?? 30000 + Math.floor(Math.random() * 20000);
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', options.entry ?? 'core/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + (options.timeoutMs ?? 150_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within ${options.timeoutMs ?? 150_000} ms:\n${output}`);
    }
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, port, output: () => output, exited };
}
