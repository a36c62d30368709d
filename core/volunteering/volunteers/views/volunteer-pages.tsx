import { Field, FormErrorSummary } from '../../../../views/components/field.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDate } from '../../../i18n/format.ts';
import { AVAILABILITY, SKILLS } from '../../shared/catalogue.ts';
import type { FieldErrors, FormValues } from '../../shared/forms.ts';
import { volunteerMessages } from '../messages.ts';
import type { VolunteerProfile } from '../service.ts';
import { CheckboxGroup, SelectField } from '../../../../views/components/choice-fields.tsx';
import { Labels, list, str } from '../../shared/views/inputs.tsx';
import { ID_TYPES } from '../id-documents.ts';

export type ProfilePageProps = {
  values: FormValues;
  errors: FieldErrors;
  districts: string[];
  volunteerNumber: string | null;
  /** Where to go after saving. */
  next: string;
  /** The activity the citizen was signing up for: saving also signs them up. */
  signup: string | null;
  askedFirst: boolean;
};

export function ProfilePage({ values, errors, districts, volunteerNumber, next, signup, askedFirst }: ProfilePageProps) {
  const t = useMessages(volunteerMessages);
  const { path } = usePage();
  return (
    <section class="card">
      <h1>{t.profileTitle}</h1>
      {askedFirst && <p class="flash flash-info">{t.completeFirst}</p>}
      {volunteerNumber ? <p><strong>{t.yourNumber(volunteerNumber)}</strong></p> : <p class="muted">{t.profileIntro}</p>}
      {districts.length === 0 && <p class="flash flash-info">{t.noDistricts}</p>}
      <FormErrorSummary show={Object.keys(errors).length > 0} />
      <form method="post" action={path('/volunteer/profile')} class="stack">
        <input type="hidden" name="next" value={next} />
        {signup && <input type="hidden" name="signup" value={signup} />}
        <Field name="real_name" label={t.realName} value={str(values.real_name)} error={errors.real_name} required autocomplete="name" maxlength={50} />
        <Field name="mobile" label={t.mobile} type="tel" inputmode="tel" value={str(values.mobile)} error={errors.mobile} required autocomplete="tel" />
        <CheckboxGroup name="skills" label={t.skills} choices={SKILLS} values={list(values.skills)} error={errors.skills} />
        <CheckboxGroup name="service_areas" label={t.serviceAreas} choices={districts} values={list(values.service_areas)} error={errors.service_areas} required />
        <CheckboxGroup name="availability" label={t.availability} choices={AVAILABILITY} values={list(values.availability)} error={errors.availability} required />
        <SelectField name="id_type" label={t.idType} choices={ID_TYPES} value={str(values.id_type)} error={errors.id_type} blank={t.noIdDocument} />
        <Field name="id_number" label={t.idNumber} value={str(values.id_number)} error={errors.id_number} hint={t.idNumberHint} maxlength={20} autocomplete="off" />
        <p><button type="submit">{t.save}</button></p>
      </form>
    </section>
  );
}

/** A volunteer's card; `idNumber` arrives already masked unless the viewer may see it in full. */
export function VolunteerCard(props: { profile: VolunteerProfile; idNumber: string | null; canVerify: boolean }) {
  const t = useMessages(volunteerMessages);
  const { locale, path } = usePage();
  const doc = props.profile.idDocument;
  const p = props.profile;
  return (
    <section class="card">
      <h1>{t.cardTitle(p.realName)}</h1>
      <dl class="facts">
        <dt>{t.number}</dt>
        <dd>{p.volunteerNumber}</dd>
        <dt>{t.mobile}</dt>
        <dd>{p.mobile}</dd>
        <dt>{t.idDocument}</dt>
        <dd>{doc ? `${ID_TYPES[doc.type][locale]} ${props.idNumber}` : t.none}</dd>
        {doc && (
          <>
            <dt>{t.identityStatus}</dt>
            <dd>
              {p.idVerifiedAt ? t.verifiedOn(formatDate(p.idVerifiedAt, locale)) : t.notVerified}
              {!p.idVerifiedAt && props.canVerify && (
                <form method="post" action={path(`/volunteers/${p.userId}/identity/verify`)}>
                  <button type="submit">{t.verifyIdentity}</button>
                </form>
              )}
            </dd>
          </>
        )}
        <dt>{t.skills}</dt>
        <dd>{p.skills.length ? <Labels keys={p.skills} list={SKILLS} /> : t.none}</dd>
        <dt>{t.serviceAreas}</dt>
        <dd>{p.serviceAreas.join(locale === 'zh-CN' ? '、' : ', ')}</dd>
        <dt>{t.availability}</dt>
        <dd><Labels keys={p.availability} list={AVAILABILITY} /></dd>
        <dt>{t.since}</dt>
        <dd>{formatDate(p.completedAt, locale)}</dd>
      </dl>
    </section>
  );
}
