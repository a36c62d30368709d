import { SelectField } from '../../../../views/components/choice-fields.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import type { Activity } from '../../activities/service.ts';
import { insuranceMessages } from '../messages.ts';

/** Whether sign-up to the activity needs cover on its date, and the switch for its organisers. */
export function RequirementPage({ activity, required }: { activity: Activity; required: boolean }) {
  const t = useMessages(insuranceMessages);
  const { path } = usePage();
  return (
    <>
      <p><a href={path(`/activities/${activity.id}/manage`)}>{activity.title}</a></p>
      <h1>{t.requirement}</h1>
      <section class="card">
        <p>{required ? t.requirementOn : t.requirementOff}</p>
        <form method="post" action={path(`/activities/${activity.id}/insurance`)} class="stack">
          <SelectField name="required" label={t.requireCover} required choices={[['yes', t.requirementOn], ['no', t.requirementOff]]} value={required ? 'yes' : 'no'} />
          <div><button type="submit">{t.requireSave}</button></div>
        </form>
      </section>
    </>
  );
}
