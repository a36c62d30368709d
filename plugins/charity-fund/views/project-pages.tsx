import { Field, formatDateTime, FormErrorSummary, Money, SelectField, useMessages, usePage } from '../../../core/plugin-api.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import type { Fund } from '../funds.ts';
import { fundMessages } from '../messages.ts';
import type { Project } from '../proposals.ts';
import { workMessages } from '../work-messages.ts';
import { DecisionStatus, usePluginPath } from './parts.tsx';

export function ProposalFormPage(props: { fund: Fund; values: FormValues; errors: FieldErrors }) {
  const w = useMessages(workMessages);
  const t = useMessages(fundMessages);
  const p = usePluginPath();
  const { values: v, errors: e } = props;
  const kinds: [string, string][] = [['micro_venture', w.kindMicroVenture], ['branded', w.kindBranded]];
  return (
    <section class="card">
      <p><a href={p(`/funds/${props.fund.id}`)}>{props.fund.name}</a></p>
      <h1>{w.proposeTitle(props.fund.name)}</h1>
      <p class="muted">{w.proposeIntro}</p>
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={p(`/funds/${props.fund.id}/propose`)} class="stack">
        <SelectField name="kind" label={w.kind} choices={kinds} value={v.kind} error={e.kind} />
        <Field name="title" label={w.projectTitle} value={v.title} error={e.title} required maxlength={100} />
        <Field name="applicant" label={w.applicant} value={v.applicant} error={e.applicant} required maxlength={100} />
        <Field name="need" label={w.need} type="textarea" value={v.need} error={e.need} required />
        <Field name="beneficiaries" label={w.beneficiaries} value={v.beneficiaries} error={e.beneficiaries} required maxlength={500} />
        <Field name="budget" label={w.budget} inputmode="decimal" value={v.budget} error={e.budget} hint={t.amountHint} required />
        <p><button type="submit">{w.submitProposal}</button></p>
      </form>
    </section>
  );
}

export type ProjectPageProps = {
  project: Project;
  fundName: string;
  totals: { granted: number; spent: number; balance: number };
  designated: number;
  /** The viewer may approve or reject it now. */
  mayReview: boolean;
  forms: { values: FormValues; errors: FieldErrors };
};

export function ProjectPage({ project: x, fundName, totals, designated, mayReview, forms }: ProjectPageProps) {
  const w = useMessages(workMessages);
  const t = useMessages(fundMessages);
  const { locale } = usePage();
  const p = usePluginPath();
  return (
    <>
      <p><a href={p(`/funds/${x.fundId}`)}>{fundName}</a></p>
      <h1>{x.title}</h1>
      <section class="card">
        <dl class="facts">
          <dt>{w.kind}</dt>
          <dd>{x.kind === 'branded' ? w.kindBranded : w.kindMicroVenture}</dd>
          <dt>{w.applicant}</dt>
          <dd>{x.applicant}</dd>
          <dt>{t.status}</dt>
          <dd><DecisionStatus status={x.status} /></dd>
          <dt>{w.need}</dt>
          <dd class="pre-line">{x.need}</dd>
          <dt>{w.beneficiaries}</dt>
          <dd>{x.beneficiaries}</dd>
          <dt>{w.budget}</dt>
          <dd><Money fen={x.budgetFen} /></dd>
          {x.approvedFen !== null && (<><dt>{t.approvedAmount}</dt><dd><Money fen={x.approvedFen} /></dd></>)}
          {x.status === 'approved' && (
            <>
              <dt>{w.grants}</dt>
              <dd><Money fen={totals.granted} /> · {t.spent} <Money fen={totals.spent} /></dd>
              <dt>{t.designated}</dt>
              <dd><Money fen={designated} /></dd>
            </>
          )}
          {x.rejectionReason && (<><dt>{w.rejectionReason}</dt><dd class="pre-line">{x.rejectionReason}</dd></>)}
          <dt>{t.date}</dt>
          <dd>{formatDateTime(x.createdAt, locale)}</dd>
        </dl>
        {x.status === 'approved' && <p><a class="button" href={p(`/funds/${x.fundId}/donate?project=${x.id}`)}>{t.donate}</a></p>}
      </section>
      {mayReview && <ReviewForms id={x.id} budget={x.budgetFen} {...forms} />}
    </>
  );
}

function ReviewForms(props: { id: string; budget: number; values: FormValues; errors: FieldErrors }) {
  const w = useMessages(workMessages);
  const p = usePluginPath();
  const { values: v, errors: e } = props;
  return (
    <section class="card">
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={p(`/projects/${props.id}/approve`)} class="stack">
        <Field name="approve_amount" label={w.approveWith} inputmode="decimal" value={v.approve_amount} error={e.approve_amount} required />
        <p><button type="submit">{w.approve}</button></p>
      </form>
      <form method="post" action={p(`/projects/${props.id}/reject`)} class="stack">
        <Field name="reason" label={w.reason} type="textarea" value={v.reason} error={e.reason} required />
        <p><button type="submit" class="danger">{w.reject}</button></p>
      </form>
    </section>
  );
}

export function ReviewPage({ rows }: { rows: { project: Project; fundName: string }[] }) {
  const w = useMessages(workMessages);
  const t = useMessages(fundMessages);
  const { locale } = usePage();
  const p = usePluginPath();
  return (
    <>
      <p><a href={p('/')}>{t.title}</a></p>
      <h1>{w.reviewTitle}</h1>
      {rows.length === 0 && <p class="muted">{w.noProposals}</p>}
      {rows.map(({ project: x, fundName }) => (
        <article class="card">
          <h2><a href={p(`/projects/${x.id}`)}>{x.title}</a></h2>
          <p class="muted">{fundName} · {x.applicant} · {formatDateTime(x.createdAt, locale)}</p>
          <p>{w.budget}: <Money fen={x.budgetFen} /></p>
        </article>
      ))}
    </>
  );
}
