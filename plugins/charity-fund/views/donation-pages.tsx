import { Field, formatDateTime, FormErrorSummary, Money, Pagination, SelectField, Table, useMessages, usePage } from '../../../core/plugin-api.ts';
import type { DonationDetail, Donation } from '../donations.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import type { Fund } from '../funds.ts';
import { fundMessages } from '../messages.ts';
import type { Project } from '../proposals.ts';
import { DecisionStatus, DonationStatus, usePluginPath, VisibilityField } from './parts.tsx';

export type DonateFormProps = { fund: Fund; projects: Project[]; provider: string; values: FormValues; errors: FieldErrors };

export function DonateFormPage({ fund, projects, provider, values: v, errors: e }: DonateFormProps) {
  const t = useMessages(fundMessages);
  const p = usePluginPath();
  const choices: [string, string][] = [['', t.noProject], ...projects.map((x): [string, string] => [x.id, x.title])];
  return (
    <section class="card">
      <p><a href={p(`/funds/${fund.id}`)}>{fund.name}</a></p>
      <h1>{t.donateTitle(fund.name)}</h1>
      <FormErrorSummary show={Object.keys(e).length > 0} />
      {e.fund && <p class="flash flash-error" role="alert">{e.fund}</p>}
      <form method="post" action={p(`/funds/${fund.id}/donate`)} class="stack">
        {(projects.length > 0 || e.project) && <SelectField name="project" label={t.project} choices={choices} value={v.project} error={e.project} />}
        <Field name="amount" label={t.amount} inputmode="decimal" value={v.amount} error={e.amount} hint={t.amountHint} required />
        <Field name="donor_name" label={t.donorName} value={v.donor_name} error={e.donor_name} hint={t.donorNameHint} required maxlength={50} />
        <VisibilityField value={v.visibility} error={e.visibility} />
        <Field name="message" label={t.message} type="textarea" value={v.message} error={e.message} />
        <p class="muted">{provider === 'offline' ? t.payOffline : t.paySandbox}</p>
        <p><button type="submit">{t.submitDonation}</button></p>
      </form>
    </section>
  );
}

/** The donor's own donation: what to do next while pending, the receipt once confirmed. */
export function DonationPage({ detail }: { detail: DonationDetail }) {
  const t = useMessages(fundMessages);
  const p = usePluginPath();
  const d = detail.donation;
  return (
    <>
      <p><a href={p('/mine')}>{t.backToGiving}</a></p>
      <h1>{t.donationTitle}</h1>
      <section class="card">
        {d.status === 'pending' && d.provider === 'offline' && <p class="flash flash-info">{t.pledgeNotice}</p>}
        {d.status === 'confirmed' && <p class="flash flash-success">{t.confirmedNotice}</p>}
        {d.status === 'cancelled' && <p class="flash flash-error">{t.cancelledNotice}</p>}
        <DonationFacts detail={detail} />
        {d.status === 'pending' && d.provider !== 'offline' && <p><a class="button" href={p(`/sandbox/pay/${d.id}`)}>{t.continuePayment}</a></p>}
        {d.status === 'confirmed' && <p><a class="button" href={p(`/receipts/${d.id}`)}>{t.openReceipt}</a></p>}
      </section>
    </>
  );
}

function DonationFacts({ detail }: { detail: DonationDetail }) {
  const t = useMessages(fundMessages);
  const { locale } = usePage();
  const d = detail.donation;
  return (
    <dl class="facts">
      <dt>{t.amount}</dt>
      <dd><strong><Money fen={d.amountFen} /></strong></dd>
      <dt>{t.fund}</dt>
      <dd>{detail.fundName}</dd>
      {detail.projectTitle && (<><dt>{t.project}</dt><dd>{detail.projectTitle}</dd></>)}
      <dt>{t.status}</dt>
      <dd><DonationStatus status={d.status} /></dd>
      <dt>{d.receiptNumber ? t.receiptNumber : t.pledgeNumber}</dt>
      <dd class="code">{d.receiptNumber ?? d.id.slice(-12).toUpperCase()}</dd>
      <dt>{t.date}</dt>
      <dd>{formatDateTime(d.confirmedAt ?? d.createdAt, locale)}</dd>
    </dl>
  );
}

type GivingRow = { donation: Donation; fundName: string; projectTitle: string | null };
type ProposalRow = { project: Project; fundName: string };

export function MyGivingPage(props: { rows: GivingRow[]; total: number; page: number; proposals: ProposalRow[] }) {
  const t = useMessages(fundMessages);
  const { locale } = usePage();
  const p = usePluginPath();
  return (
    <>
      <p><a href={p('/')}>{t.title}</a></p>
      <h1>{t.myGiving}</h1>
      {props.total === 0 && <p class="muted">{t.noGiving}</p>}
      <Table
        columns={[t.date, t.fund, t.amount, t.status, t.receipt]}
        rows={props.rows}
        cells={({ donation: d, fundName, projectTitle }) => [
          <a href={p(`/donations/${d.id}`)}>{formatDateTime(d.createdAt, locale)}</a>,
          <>{fundName}{projectTitle && <span class="muted"> · {projectTitle}</span>}</>,
          <Money fen={d.amountFen} />,
          <DonationStatus status={d.status} />,
          <>{d.receiptNumber ? <a href={p(`/receipts/${d.id}`)}>{d.receiptNumber}</a> : '—'}</>,
        ]}
      />
      <Pagination page={props.page} total={props.total} href={(n) => p(`/mine?page=${n}`)} />
      {props.proposals.length > 0 && <MyProposals rows={props.proposals} />}
    </>
  );
}

function MyProposals({ rows }: { rows: ProposalRow[] }) {
  const t = useMessages(fundMessages);
  const p = usePluginPath();
  return (
    <>
      <h2>{t.myProposals}</h2>
      <ul>
        {rows.map(({ project, fundName }) => (
          <li><a href={p(`/projects/${project.id}`)}>{project.title}</a> <span class="muted">{fundName}</span> <DecisionStatus status={project.status} /></li>
        ))}
      </ul>
    </>
  );
}

/** The sandbox gateway's own page: on a real gateway this is the bank's or the wallet's. */
export function SandboxPayPage({ detail }: { detail: DonationDetail }) {
  const t = useMessages(fundMessages);
  const p = usePluginPath();
  const d = detail.donation;
  return (
    <section class="card sandbox-gateway">
      <h1>{t.sandboxTitle}</h1>
      <p class="muted">{t.sandboxIntro}</p>
      <dl class="facts">
        <dt>{t.subject}</dt>
        <dd>{detail.fundName}{detail.projectTitle ? ` · ${detail.projectTitle}` : ''}</dd>
        <dt>{t.amount}</dt>
        <dd><strong><Money fen={d.amountFen} /></strong></dd>
      </dl>
      <div class="actions">
        <form method="post" action={p(`/sandbox/pay/${d.id}`)}><input type="hidden" name="outcome" value="paid" /><button type="submit">{t.pay}</button></form>
        <form method="post" action={p(`/sandbox/pay/${d.id}`)}><input type="hidden" name="outcome" value="cancelled" /><button type="submit" class="secondary">{t.cancelPayment}</button></form>
      </div>
    </section>
  );
}

