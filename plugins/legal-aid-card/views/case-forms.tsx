import type { Child } from 'hono/jsx';
import { Field, SelectField, useMessages } from '../../../core/plugin-api.ts';
import { type CaseStep, OUTCOMES } from '../applications.ts';
import { caseMessages } from '../case-messages.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import type { LawyerMatch } from '../matching.ts';
import { matchingMessages } from '../matching-messages.ts';
import { DeadlineForm, LawyerChoice } from './matching-parts.tsx';
import { PostForm } from './page-parts.tsx';

/** The forms acting on a case: on the case page, and alone (with their error) when a post comes back refused. */
export type CaseFormProps = { id: string; values?: FormValues; errors?: FieldErrors; lawyers?: readonly LawyerMatch[] };

export function CaseForm({ action, id, values = {}, errors = {}, lawyers = [] }: CaseFormProps & { action: CaseStep }) {
  const t = useMessages(caseMessages);
  const m = useMessages(matchingMessages);
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
      return post(<LawyerChoice label={t.chooseLawyer} lawyers={lawyers} value={values.lawyer} error={errors.lawyer} />, t.designate);
    case 'offer':
      return post(<p class="hint">{m.offerHint}</p>, m.offer, true);
    case 'withdraw-offer':
      return post(<p><span class="badge">{m.offered}</span></p>, m.withdrawOffer, true);
    case 'deadlines':
      return <DeadlineForm id={id} values={values} errors={errors} />;
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
