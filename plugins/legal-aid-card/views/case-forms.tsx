import type { Child } from 'hono/jsx';
import { Field, SelectField, useMessages } from '../../../core/plugin-api.ts';
import { type CaseStep, OUTCOMES } from '../applications.ts';
import { caseMessages } from '../case-messages.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import { PostForm } from './page-parts.tsx';

/** The forms acting on a case: on the case page, and alone (with their error) when a post comes back refused. */
export type CaseFormProps = { id: string; values?: FormValues; errors?: FieldErrors; lawyers?: [string, string][] };

export function CaseForm({ action, id, values = {}, errors = {}, lawyers = [] }: CaseFormProps & { action: CaseStep }) {
  const t = useMessages(caseMessages);
  const post = (body: Child, button: string, secondary = false) => (
    <PostForm path={`/cases/${id}/${action}`} button={button} secondary={secondary}>
      {body}
    </PostForm>
  );
  switch (action) {
    case 'decision':
      return post(
        <>
          <SelectField name="decision" label={t.decision} choices={[['approve', t.approve], ['reject', t.reject]]} value={values.decision} error={errors.decision} />
          <Field name="reasons" label={t.reasons} type="textarea" value={values.reasons} error={errors.reasons} required maxlength={2000} />
        </>,
        t.decide,
      );
    case 'emergency':
      return post(null, t.startEmergency, true);
    case 'designation':
      return post(<SelectField name="lawyer" label={t.chooseLawyer} choices={lawyers} value={values.lawyer} error={errors.lawyer} />, t.designate);
    case 'no-conflict':
      return post(null, t.noConflict);
    case 'notes':
      return post(<Field name="note" label={t.note} type="textarea" value={values.note} error={errors.note} required maxlength={3000} />, t.addNote, true);
    case 'close':
      return post(
        <>
          <SelectField name="outcome" label={t.outcome} choices={OUTCOMES.map((o) => [o, t.outcomes(o)] as const)} value={values.outcome} error={errors.outcome} />
          <Field name="referred_to" label={t.referredTo} hint={t.referredToHint} value={values.referred_to} error={errors.referred_to} maxlength={200} />
        </>,
        t.close,
        true,
      );
  }
}
