import { Field, FormErrorSummary } from '../../../../views/components/field.tsx';
import { Duration } from '../../../../views/components/duration.tsx';
import { Table } from '../../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import type { Organisation } from '../../organisations/service.ts';
import type { FieldErrors, FormValues } from '../../shared/forms.ts';
import { str } from '../../shared/views/inputs.tsx';
import { day } from '../../certificates/views/certificate-parts.tsx';
import { recognitionMessages } from '../messages.ts';
import type { organisationRecognition } from '../service.ts';

type Recognition = Awaited<ReturnType<typeof organisationRecognition>>;
export type RecognitionPageProps = { organisation: Organisation; kind: 'trainings' | 'commendations'; list: Recognition; values: FormValues; errors: FieldErrors };

/** An organisation's training sessions or commendations: the form to record one, and what it recorded. */
export function RecognitionPage({ organisation, kind, list, values, errors }: RecognitionPageProps) {
  const t = useMessages(recognitionMessages);
  const { path, locale } = usePage();
  const training = kind === 'trainings';
  return (
    <>
      <p><a href={path(`/organisations/${organisation.id}`)}>{t.backToOrganisation}</a></p>
      <h1>{training ? t.trainingsTitle(organisation.name) : t.commendationsTitle(organisation.name)}</h1>
      <p class="muted">{training ? t.trainingsIntro : t.commendationsIntro}</p>
      <section class="card">
        <FormErrorSummary show={Object.keys(errors).length > 0} />
        <form method="post" action={path(`/organisations/${organisation.id}/${kind}`)} class="stack">
          <Field name="title" label={t.title} required value={str(values.title)} error={errors.title} maxlength={200} />
          {training ? (
            <>
              <Field name="held_on" label={t.heldOn} type="date" required value={str(values.held_on)} error={errors.held_on} />
              <Field name="minutes" label={t.minutes} type="number" inputmode="numeric" min={1} max={1440} required value={str(values.minutes)} error={errors.minutes} />
            </>
          ) : (
            <>
              <Field name="awarded_by" label={t.awardedBy} required value={str(values.awarded_by)} error={errors.awarded_by} maxlength={200} />
              <Field name="awarded_on" label={t.awardedOn} type="date" required value={str(values.awarded_on)} error={errors.awarded_on} />
            </>
          )}
          <Field name="numbers" label={t.numbers} type="textarea" required value={str(values.numbers)} error={errors.numbers} hint={t.numbersHint} />
          <div><button type="submit">{t.record}</button></div>
        </form>
      </section>
      {training ? (
        <Table
          columns={[t.heldOn, t.title, t.minutes, t.volunteer]}
          rows={list.trainings}
          cells={(r) => [day(r.heldOn, locale), r.title, <Duration minutes={r.minutes} />, `${r.volunteerName} · ${r.volunteerNumber}`]}
        />
      ) : (
        <Table
          columns={[t.awardedOn, t.title, t.awardedBy, t.volunteer]}
          rows={list.commendations}
          cells={(r) => [day(r.awardedOn, locale), r.title, r.awardedBy, `${r.volunteerName} · ${r.volunteerNumber}`]}
        />
      )}
    </>
  );
}
