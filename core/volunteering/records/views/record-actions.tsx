import { Field, FormErrorSummary } from '../../../../views/components/field.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { viewMessages } from '../../../../views/messages.ts';
import { formatDuration } from '../../../i18n/format.ts';
import type { FieldErrors, FormValues } from '../../shared/forms.ts';
import { recordMessages } from '../messages.ts';
import { hasOpenDispute, type RecordDetail, type RecordRights } from '../service.ts';
import { str } from '../../shared/views/inputs.tsx';

/** The forms of one record page, each with the values and errors it came back with. */
export type RecordAction = 'verify' | 'reject' | 'revoke' | 'evaluate' | 'answer' | 'dispute';
export type RecordForms = Partial<Record<RecordAction, { values: FormValues; errors: FieldErrors }>>;

type Props = { detail: RecordDetail; rights: RecordRights; forms: RecordForms };

/** Only the forms the viewer may use on the record as it stands. */
export function RecordActions({ detail, rights, forms }: Props) {
  const { locale } = usePage();
  const r = detail.record;
  const undecided = r.status === 'pending' || r.status === 'open';
  const mayDispute = rights.owner && (r.status === 'verified' || r.status === 'rejected') && !hasOpenDispute(r);
  return (
    <>
      {rights.verifier && r.status === 'pending' && <VerifyForm id={r.id} form={forms.verify} />}
      {rights.verifier && undecided && <TextForm id={r.id} action="reject" field="rejection_reason" form={forms.reject} />}
      {rights.verifier && hasOpenDispute(r) && <TextForm id={r.id} action="answer" field="answer" form={forms.answer} />}
      {rights.verifier && r.status === 'verified' && <EvaluateForm id={r.id} form={forms.evaluate} rating={r.rating} comment={r.evaluation} />}
      {(rights.verifier || rights.overseer) && r.status === 'verified' && (
        <TextForm id={r.id} action="revoke" field="revocation_reason" form={forms.revoke} warning={formatDuration(r.minutes, locale)} />
      )}
      {mayDispute && <TextForm id={r.id} action="dispute" field="dispute_reason" form={forms.dispute} />}
    </>
  );
}

type FormState = { values: FormValues; errors: FieldErrors } | undefined;
const hasErrors = (form: FormState) => Object.keys(form?.errors ?? {}).length > 0;

function VerifyForm({ id, form }: { id: string; form: FormState }) {
  const t = useMessages(recordMessages);
  const { path } = usePage();
  return (
    <section class="card" id="verify">
      <h2>{t.verifyTitle}</h2>
      <p class="muted">{t.verifyIntro}</p>
      <FormErrorSummary show={hasErrors(form)} />
      <form method="post" action={path(`/records/${id}/verify`)} class="stack">
        <Field name="hours" label={t.correctedHours} type="number" inputmode="numeric" min={0} max={24} value={str(form?.values.hours)} error={form?.errors.hours} />
        <Field name="minutes" label={t.correctedMinutes} type="number" inputmode="numeric" min={0} max={59} value={str(form?.values.minutes)} error={form?.errors.minutes} />
        <p><button type="submit">{t.verify}</button></p>
      </form>
    </section>
  );
}

/** A form of one required text: reject, revoke, answer a dispute, raise a dispute. */
function TextForm(props: { id: string; action: 'reject' | 'revoke' | 'answer' | 'dispute'; field: string; form: FormState; warning?: string }) {
  const t = useMessages(recordMessages);
  const { path } = usePage();
  const labels = {
    reject: { title: t.rejectTitle, label: t.reason, hint: t.rejectHint, button: t.reject, intro: null },
    revoke: { title: t.revokeTitle, label: t.reason, hint: undefined, button: t.revoke, intro: props.warning ? t.revokeWarning(props.warning) : null },
    answer: { title: t.answerTitle, label: t.answer, hint: undefined, button: t.sendAnswer, intro: null },
    dispute: { title: t.disputeTitle, label: t.disputeReason, hint: undefined, button: t.sendDispute, intro: t.disputeIntro },
  }[props.action];
  return (
    <section class="card" id={props.action}>
      <h2>{labels.title}</h2>
      {labels.intro && <p class={props.action === 'revoke' ? 'flash flash-error' : 'muted'}>{labels.intro}</p>}
      <FormErrorSummary show={hasErrors(props.form)} />
      <form method="post" action={path(`/records/${props.id}/${props.action}`)} class="stack">
        <Field
          name={props.field}
          label={labels.label}
          type="textarea"
          value={str(props.form?.values[props.field])}
          error={props.form?.errors[props.field]}
          hint={labels.hint}
          required
          maxlength={500}
        />
        <p><button type="submit" class={props.action === 'reject' || props.action === 'revoke' ? 'secondary' : undefined}>{labels.button}</button></p>
      </form>
    </section>
  );
}

function EvaluateForm({ id, form, rating, comment }: { id: string; form: FormState; rating: number | null; comment: string | null }) {
  const t = useMessages(recordMessages);
  const v = useMessages(viewMessages);
  const { path } = usePage();
  const chosen = form ? str(form.values.rating) : rating === null ? '' : String(rating);
  const error = form?.errors.rating;
  return (
    <section class="card" id="evaluate">
      <h2>{t.evaluateTitle}</h2>
      <FormErrorSummary show={hasErrors(form)} />
      <form method="post" action={path(`/records/${id}/evaluate`)} class="stack">
        <fieldset id="f-rating" class={error ? 'field checks has-error' : 'field checks'} aria-describedby={error ? 'f-rating-error' : undefined}>
          <legend>
            {t.rating}
            <span class="req"> ({v.required})</span>
          </legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label for={`f-rating-${n}`}>
              <input id={`f-rating-${n}`} type="radio" name="rating" value={String(n)} checked={chosen === String(n)} required /> {t.ratingLabel(n)}
            </label>
          ))}
          {error && <small id="f-rating-error" class="error">{error}</small>}
        </fieldset>
        <Field name="comment" label={t.comment} type="textarea" value={form ? str(form.values.comment) : (comment ?? '')} error={form?.errors.comment} maxlength={500} />
        <p><button type="submit">{t.evaluate}</button></p>
      </form>
    </section>
  );
}
