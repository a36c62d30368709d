import { useMessages, usePage } from '../../../../views/context.ts';
import type { IdentityRequirements } from '../identity-requirements.ts';
import { volunteerMessages } from '../messages.ts';

export function IdentityRequirementsPage({ rules }: { rules: IdentityRequirements }) {
  const t = useMessages(volunteerMessages);
  const { path } = usePage();
  return (
    <section class="card">
      <h1>{t.requirementsTitle}</h1>
      <p class="muted">{t.requirementsIntro}</p>
      <form method="post" action={path('/admin/identity-requirements')} class="stack">
        <label>
          <input type="checkbox" name="certificates" value="1" checked={rules.certificates} /> {t.requireForCertificates}
        </label>
        <label>
          <input type="checkbox" name="insurance" value="1" checked={rules.insurance} /> {t.requireForInsurance}
        </label>
        <p><button type="submit">{t.save}</button></p>
      </form>
    </section>
  );
}
