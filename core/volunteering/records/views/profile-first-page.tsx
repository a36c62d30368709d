import { useMessages, usePage } from '../../../../views/context.ts';
import { recordMessages } from '../messages.ts';

/** For a signed-in resident who is not a volunteer yet: what the hours page needs, and the way there and back. */
export function ProfileFirstPage() {
  const t = useMessages(recordMessages);
  const { path } = usePage();
  return (
    <section class="card">
      <h1>{t.hoursTitle}</h1>
      <p>{t.noProfile}</p>
      <p><a class="button" href={path(`/volunteer/profile?next=${encodeURIComponent('/volunteer/hours')}`)}>{t.completeProfile}</a></p>
    </section>
  );
}
