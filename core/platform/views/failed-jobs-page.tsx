import { Table } from '../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { FailedJob } from '../../jobs/failed-jobs.ts';
import { jobsMessages } from '../jobs-messages.ts';
import { ConsoleFrame } from './console-frame.tsx';

/** Jobs out of tries, for the operator: what, where, how often, why and when, and a way to run one again. */
export function FailedJobsPage(props: { jobs: FailedJob[] }) {
  const { locale } = usePage();
  const t = useMessages(jobsMessages);
  return (
    <ConsoleFrame>
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      <Table
        id="failed-jobs"
        columns={[t.colJob, t.colCity, t.colAttempts, t.colError, t.colFailedAt, { label: t.colActions, class: 'actions' }]}
        rows={props.jobs}
        emptyText={t.none}
        cells={(job) => [
          <code>{job.name}</code>,
          job.city?.[locale] ?? t.noCity,
          job.attempts,
          job.error,
          formatDateTime(job.failedAt, locale),
          <form method="post" action="/jobs/retry">
            <input type="hidden" name="name" value={job.name} />
            <input type="hidden" name="id" value={job.id} />
            <button type="submit" class="secondary">{t.retry}</button>
          </form>,
        ]}
      />
    </ConsoleFrame>
  );
}
