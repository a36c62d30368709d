/**
 * The ceiling for pages: a bare Hono hello-world on @hono/node-server, as the
 * app is served, in as many processes as the app is (WEB_CONCURRENCY).
 */
import cluster from 'node:cluster';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const processes = Number(process.env.WEB_CONCURRENCY ?? 1);
const port = Number(process.env.PORT ?? 3100);

if (cluster.isPrimary && processes > 1) {
  let listening = 0;
  for (let i = 0; i < processes; i++) {
    cluster.fork().on('message', () => ++listening === processes && console.log(`hello-world on http://127.0.0.1:${port}/ (${processes} processes)`));
  }
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const app = new Hono();
  app.get('/', (c) => c.text('Hello, World!'));
  serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => (cluster.isWorker ? process.send!('listening') : console.log(`hello-world on http://127.0.0.1:${port}/`)));
  process.on('SIGTERM', () => process.exit(0));
  cluster.worker?.on('disconnect', () => process.exit(0));
}
