import { Duration } from '../../../../views/components/duration.tsx';
import { Field, FormErrorSummary } from '../../../../views/components/field.tsx';
import { Table } from '../../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import type { FieldErrors, FormValues } from '../../shared/forms.ts';
import { str } from '../../shared/views/inputs.tsx';
import { starMessages } from '../messages.ts';
import type { starredVolunteers } from '../service.ts';

export const Stars = ({ count }: { count: number }) => <span class="stars" aria-label={`${count}`}>{'★'.repeat(count)}</span>;

export type StarPageProps = { values: FormValues; errors: FieldErrors; rows: Awaited<ReturnType<typeof starredVolunteers>> };

/** The city's thresholds and its starred volunteers. */
export function StarPage({ values, errors, rows }: StarPageProps) {
  const t = useMessages(starMessages);
  const { path } = usePage();
  return (
    <>
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      <section class="card">
        <FormErrorSummary show={Object.keys(errors).length > 0} />
        <form method="post" action={path('/admin/star-levels')} class="stack">
          {[1, 2, 3, 4, 5].map((n) => (
            <Field name={`star${n}`} label={t.star(n)} type="number" inputmode="numeric" min={1} required value={str(values[`star${n}`])} error={errors[`star${n}`]} />
          ))}
          <div><button type="submit">{t.save}</button></div>
        </form>
      </section>
      <h2>{t.list}</h2>
      <Table columns={[t.volunteer, t.stars, t.hours]} rows={rows} cells={(r) => [`${r.name} · ${r.number}`, <Stars count={r.stars} />, <Duration minutes={r.minutes} />]} />
    </>
  );
}
