import { Duration, Field, Table, useMessages } from '../../../core/plugin-api.ts';
import { hoursMessages } from '../hours-messages.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import type { HoursEntry } from '../lawyer-hours.ts';
import { PluginPage, PostForm } from './page-parts.tsx';
import { usePluginPath, When } from './parts.tsx';

/** Where a consultation's or a case's minutes are posted: `/consultations/<id>` or `/cases/<id>`. */
export type HoursFormProps = { path: string; values?: FormValues; errors?: FieldErrors };

/** The small form on an answered consultation or a case: minutes, with the error beside the field. */
export function HoursForm({ path, values = {}, errors = {} }: HoursFormProps) {
  const t = useMessages(hoursMessages);
  return (
    <section>
      <h2>{t.title}</h2>
      <PostForm path={`${path}/hours`} button={t.enter} secondary errors={errors}>
        <Field name="minutes" label={t.minutes} hint={t.minutesHint} inputmode="numeric" value={values.minutes} error={errors.minutes} required />
      </PostForm>
    </section>
  );
}

/** The form alone, when a post comes back refused. */
export function HoursFormPage(props: HoursFormProps) {
  return (
    <PluginPage back={{ path: props.path, label: useMessages(hoursMessages).open }}>
      <HoursForm {...props} />
    </PluginPage>
  );
}

const sourcePath = (e: HoursEntry) => (e.source === 'case' ? `/cases/${e.sourceId}` : `/consultations/${e.sourceId}`);

/** A lawyer's recorded hours; for coordinators also every entry waiting to be verified. */
export function HoursPage({ mine, awaiting, names, error }: { mine: HoursEntry[]; awaiting: HoursEntry[] | null; names: Map<string, string>; error?: string }) {
  const t = useMessages(hoursMessages);
  const p = usePluginPath();
  const total = mine.filter((e) => e.verifiedAt !== null).reduce((sum, e) => sum + e.minutes, 0);
  const status = (e: HoursEntry) => (e.verifiedAt ? t.statusVerified : t.statusWaiting);
  return (
    <PluginPage>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {error && <p class="error" role="alert">{error}</p>}
      <h2>{t.mine}</h2>
      <p>{t.verifiedTotal}: <strong><Duration minutes={total} /></strong></p>
      <Table
        id="my-hours"
        columns={[t.source, t.minutes, t.enteredAt, t.status, '']}
        rows={mine}
        emptyText={t.none}
        cells={(e) => [t.sources(e.source), <Duration minutes={e.minutes} />, <When at={e.enteredAt} />, status(e), <a href={p(sourcePath(e))}>{t.open}</a>]}
      />
      {awaiting && (
        <>
          <h2>{t.awaiting}</h2>
          <Table
            id="awaiting-hours"
            columns={[t.lawyer, t.source, t.minutes, t.enteredAt, '']}
            rows={awaiting}
            emptyText={t.none}
            cells={(e) => [
              names.get(e.lawyerUserId) ?? '',
              <a href={p(sourcePath(e))}>{t.sources(e.source)}</a>,
              <Duration minutes={e.minutes} />,
              <When at={e.enteredAt} />,
              <PostForm path={`/hours/${e.id}/verify`} button={t.verify} />,
            ]}
          />
        </>
      )}
    </PluginPage>
  );
}
