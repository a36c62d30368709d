import { Field, FormErrorSummary, formatDate, Money, parseLocalDate, useMessages, usePage } from '../../../core/plugin-api.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import type { Fund, FundTotals } from '../funds.ts';
import { fundMessages } from '../messages.ts';
import type { Project } from '../proposals.ts';
import { workMessages } from '../work-messages.ts';
import { PluginStyle, Progress, usePluginPath } from './parts.tsx';

export type Rights = { createFunds: boolean; manage: boolean; station: boolean; signedIn: boolean };

/** `2026-05-01` as the reader writes dates. */
export function Day({ value }: { value: string }) {
  const { locale } = usePage();
  return <>{formatDate(parseLocalDate(value)!, locale)}</>;
}

export function FundListPage(props: { funds: { fund: Fund; totals: FundTotals }[]; rights: Rights }) {
  const t = useMessages(fundMessages);
  const p = usePluginPath();
  const r = props.rights;
  return (
    <>
      <PluginStyle />
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      <p class="actions">
        {r.signedIn && <a href={p('/mine')}>{t.myGiving}</a>}
        {r.createFunds && <a class="button secondary" href={p('/funds/new')}>{t.newFund}</a>}
        {r.manage && <a href={p('/review')}>{t.review}</a>}
        {r.station && <a href={p('/staff')}>{t.staff}</a>}
      </p>
      {props.funds.length === 0 && <p class="muted">{t.noFunds}</p>}
      {props.funds.map(({ fund, totals }) => (
        <article class="card">
          <h2><a href={p(`/funds/${fund.id}`)}>{fund.name}</a></h2>
          <p class="muted">{fund.community} · {fund.hostCharity}</p>
          <Progress raised={totals.raised} target={fund.targetFen} />
          <p class="actions">
            <a href={p(`/funds/${fund.id}`)}>{t.donate}</a>
            <a href={p(`/funds/${fund.id}/disclosure`)}>{t.disclosure}</a>
          </p>
        </article>
      ))}
    </>
  );
}

export type FundPageProps = {
  fund: Fund;
  totals: FundTotals;
  open: boolean;
  projects: { project: Project; designated: number }[];
  rights: Rights;
};

export function FundPage({ fund, totals, open, projects, rights }: FundPageProps) {
  const t = useMessages(fundMessages);
  const w = useMessages(workMessages);
  const p = usePluginPath();
  return (
    <>
      <p><a href={p('/')}>{t.title}</a></p>
      <PluginStyle />
      <h1>{fund.name}</h1>
      <section class="card">
        <Progress raised={totals.raised} target={fund.targetFen} />
        <dl class="facts">
          <dt>{t.community}</dt>
          <dd>{fund.community}</dd>
          <dt>{t.hostCharity}</dt>
          <dd>{fund.hostCharity}</dd>
          <dt>{t.dates}</dt>
          <dd><Day value={fund.startsOn} /> – <Day value={fund.endsOn} /></dd>
          <dt>{t.spent}</dt>
          <dd><Money fen={totals.spent} /></dd>
          <dt>{t.balance}</dt>
          <dd><Money fen={totals.balance} /></dd>
          <dt>{t.purpose}</dt>
          <dd class="pre-line">{fund.purpose}</dd>
        </dl>
        <p class="actions">
          {open ? <a class="button" href={p(`/funds/${fund.id}/donate`)}>{t.donate}</a> : <span class="badge off">{t.closed}</span>}
          <a href={p(`/funds/${fund.id}/disclosure`)}>{t.disclosure}</a>
          {rights.manage && <a href={p(`/funds/${fund.id}/manage`)}>{t.manage}</a>}
        </p>
      </section>
      <h2>{t.projects}</h2>
      {projects.length === 0 && <p class="muted">{t.noProjects}</p>}
      {projects.map(({ project, designated }) => (
        <article class="card">
          <h3><a href={p(`/projects/${project.id}`)}>{project.title}</a></h3>
          <p class="muted">{project.kind === 'branded' ? w.kindBranded : w.kindMicroVenture} · {project.applicant}</p>
          <p>
            {t.approvedAmount} <Money fen={project.approvedFen ?? 0} /> · {t.designated} <Money fen={designated} />
          </p>
        </article>
      ))}
      <p><a href={p(`/funds/${fund.id}/propose`)}>{t.propose}</a></p>
    </>
  );
}

export function FundFormPage(props: { values: FormValues; errors: FieldErrors }) {
  const t = useMessages(fundMessages);
  const p = usePluginPath();
  const { values: v, errors: e } = props;
  return (
    <section class="card">
      <h1>{t.newFund}</h1>
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={p('/funds/new')} class="stack">
        <Field name="name" label={t.name} value={v.name} error={e.name} required maxlength={100} />
        <Field name="community" label={t.community} value={v.community} error={e.community} required maxlength={100} />
        <Field name="host_charity" label={t.hostCharity} value={v.host_charity} error={e.host_charity} hint={t.hostCharityHint} required maxlength={200} />
        <Field name="purpose" label={t.purpose} type="textarea" value={v.purpose} error={e.purpose} required />
        <Field name="target" label={t.target} inputmode="decimal" value={v.target} error={e.target} hint={t.amountHint} required />
        <Field name="starts_on" label={t.startsOn} type="date" value={v.starts_on} error={e.starts_on} required />
        <Field name="ends_on" label={t.endsOn} type="date" value={v.ends_on} error={e.ends_on} required />
        <p><button type="submit">{t.createFund}</button></p>
      </form>
    </section>
  );
}
