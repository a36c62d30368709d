import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/**
 * `core/main.ts` as its own process on 127.0.0.1, as `npm start` runs it; for
 * tests that kill the process and for the benchmarks.
 */
export type ServerProcess = { child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> };

type Options = { port?: number; timeoutMs?: number; entry?: string };

/** Without a given port, one the system hands out; should another socket take it before the server listens, again on another. */
export async function startServerProcess(env: Record<string, string>, options: Options = {}): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await startOn(port, env, options);
    } catch (err) {
      const taken = err instanceof Error && err.message.includes('EADDRINUSE');
      if (!taken || options.port !== undefined || attempt === 3) throw err;
    }
  }
}

/**
 * A port no socket holds right now: the system's pick, let go at once. A random one
 * (as this used to pick) can be the local end of some client's connection.
 */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startOn(port: number, env: Record<string, string>, options: Options): Promise<ServerProcess> {
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
