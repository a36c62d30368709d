/** The ceiling for pages: a bare Hono hello-world on @hono/node-server, as the app is served. */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.text('Hello, World!'));
const port = Number(process.env.PORT ?? 3100);
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => console.log(`hello-world on http://127.0.0.1:${port}/`));
process.on('SIGTERM', () => process.exit(0));
