import { Hono } from 'hono';
import { z } from 'zod';
import { messagesFor } from '../../views/context.ts';
import type { PlatformEnv } from '../http/env.ts';
import { setFlash } from '../http/flash.ts';
import { listFailedJobs } from '../jobs/failed-jobs.ts';
import type { RunningJobQueue } from '../jobs/queue.ts';
import { readForm } from './forms.ts';
import { requireOperator } from './guard.ts';
import { jobsMessages } from './jobs-messages.ts';
import { FailedJobsPage } from './views/failed-jobs-page.tsx';

const retryForm = z.object({ name: z.string().min(1).max(200), id: z.uuid() });

/** The operator's view of the job queue: failed jobs (/jobs), and running one again. */
export function jobsRoutes(jobs: RunningJobQueue): Hono<PlatformEnv> {
  const app = new Hono<PlatformEnv>();

  app.get('/jobs', requireOperator, async (c) => {
    const failed = await c.var.db.platform((tx) => listFailedJobs(tx));
    return c.render(<FailedJobsPage jobs={failed} />, { title: messagesFor(c, jobsMessages).title });
  });

  app.post('/jobs/retry', requireOperator, async (c) => {
    const t = messagesFor(c, jobsMessages);
    const parsed = retryForm.safeParse(await readForm(c, ['name', 'id'] as const));
    const outcome = parsed.success ? await jobs.retry(parsed.data.name, parsed.data.id) : 'not-failed';
    const name = parsed.data?.name ?? '';
    setFlash(
      c,
      outcome === 'retried'
        ? { kind: 'success', message: t.retried(name) }
        : { kind: 'error', message: outcome === 'copy-waiting' ? t.copyWaiting(name) : t.notRetried },
    );
    return c.redirect('/jobs', 303);
  });

  return app;
}
