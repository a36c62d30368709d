import { Field, FormErrorSummary, Money, SelectField, Table, useMessages } from '../../../core/plugin-api.ts';
import type { Expense } from '../expenses.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import type { Fund, FundTotals } from '../funds.ts';
import type { Grant } from '../grants.ts';
import { fundMessages } from '../messages.ts';
import type { Project } from '../proposals.ts';
import { workMessages } from '../work-messages.ts';
import { DecisionStatus, usePluginPath } from './parts.tsx';

type Form = { values: FormValues; errors: FieldErrors };
export type ManagePageProps = {
  fund: Fund;
  totals: FundTotals;
  projects: { project: Project; balance: number }[];
  grants: { grant: Grant; projectTitle: string }[];
  expenses: { expense: Expense; projectTitle: string | null }[];
  names: Map<string, string>;
  viewerId: string;
  grantForm: Form;
  expenseForm: Form;
  /** A reject that came back without a usable reason: which row, and why. */
  rejectError?: { id: string; message: string } | null;
};

export function ManagePage(props: ManagePageProps) {
  const w = useMessages(workMessages);
  const t = useMessages(fundMessages);
  const p = usePluginPath();
  const { fund, totals } = props;
  return (
    <>
      <p><a href={p(`/funds/${fund.id}`)}>{fund.name}</a></p>
      <h1>{w.manageTitle(fund.name)}</h1>
      <p class="muted">{w.twoPersonRule}</p>
      <p>{t.raised} <Money fen={totals.raised} /> · {t.spent} <Money fen={totals.spent} /> · {t.balance} <strong><Money fen={totals.balance} /></strong></p>
      <h2>{w.grants}</h2>
      <GrantForm {...props} />
      <Decisions kind="grants" rows={props.grants.map(({ grant, projectTitle }) => ({ row: grant, what: projectTitle, detail: grant.note }))} names={props.names} viewerId={props.viewerId} empty={w.noGrants} rejectError={props.rejectError} />
      <h2>{w.expenses}</h2>
      <ExpenseForm {...props} />
      <Decisions
        kind="expenses"
        rows={props.expenses.map(({ expense: x, projectTitle }) => ({ row: x, what: `${x.purpose} → ${x.payee}`, detail: `${x.documentRef}${projectTitle ? ` · ${projectTitle}` : ''}` }))}
        names={props.names}
        viewerId={props.viewerId}
        empty={w.noExpenses}
        rejectError={props.rejectError}
      />
    </>
  );
}

function GrantForm({ fund, projects, grantForm: { values: v, errors: e } }: ManagePageProps) {
  const w = useMessages(workMessages);
  const t = useMessages(fundMessages);
  const p = usePluginPath();
  if (projects.length === 0) return <p class="muted">{w.noApprovedProjects}</p>;
  const choices = projects.map(({ project }): [string, string] => [project.id, project.title]);
  return (
    <section class="card" id="grant">
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={p(`/funds/${fund.id}/grants`)} class="stack">
        <SelectField name="project" label={t.project} choices={choices} value={v.project} error={e.project} />
        <Field name="amount" label={t.amount} inputmode="decimal" value={v.amount} error={e.amount} required />
        <Field name="note" label={w.grantNote} value={v.note} error={e.note} maxlength={200} />
        <p><button type="submit">{w.proposeGrant}</button></p>
      </form>
    </section>
  );
}

function ExpenseForm({ fund, projects, expenseForm: { values: v, errors: e } }: ManagePageProps) {
  const w = useMessages(workMessages);
  const t = useMessages(fundMessages);
  const p = usePluginPath();
  const sources: [string, string][] = [['', w.fromFund], ...projects.map(({ project }): [string, string] => [project.id, w.fromProject(project.title)])];
  return (
    <section class="card" id="expense">
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={p(`/funds/${fund.id}/expenses`)} class="stack">
        <SelectField name="source" label={w.paidFrom} choices={sources} value={v.source} error={e.source} />
        <Field name="purpose" label={w.expensePurpose} value={v.purpose} error={e.purpose} required maxlength={200} />
        <Field name="payee" label={w.payee} value={v.payee} error={e.payee} required maxlength={100} />
        <Field name="amount" label={t.amount} inputmode="decimal" value={v.amount} error={e.amount} required />
        <Field name="document_ref" label={w.documentRef} value={v.document_ref} error={e.document_ref} required maxlength={100} />
        <p><button type="submit">{w.proposeExpense}</button></p>
      </form>
    </section>
  );
}

type DecisionRow = { row: Grant | Expense; what: string; detail: string };

/** Proposed first with approve/reject for anyone but the proposer, then decided ones. */
function Decisions(props: { kind: 'grants' | 'expenses'; rows: DecisionRow[]; names: Map<string, string>; viewerId: string; empty: string; rejectError?: { id: string; message: string } | null }) {
  const w = useMessages(workMessages);
  const t = useMessages(fundMessages);
  const p = usePluginPath();
  const name = (id: string | null) => (id ? (props.names.get(id) ?? '—') : '—');
  return (
    <Table
      columns={[t.project, t.amount, w.proposedBy, t.status, '']}
      rows={props.rows}
      emptyText={props.empty}
      rowId={({ row }) => `${props.kind}-${row.id}`}
      cells={({ row, what, detail }) => [
        <>{what}{detail && <div class="muted">{detail}</div>}</>,
        <Money fen={row.amountFen} />,
        <>{name(row.proposedBy)}{row.decidedBy && <div class="muted">{w.decidedBy}: {name(row.decidedBy)}</div>}</>,
        <><DecisionStatus status={row.status} />{row.rejectionReason && <div class="muted">{row.rejectionReason}</div>}</>,
        <>
          {row.status === 'proposed' && row.proposedBy === props.viewerId && <span class="muted">{w.awaitingOther}</span>}
          {row.status === 'proposed' && row.proposedBy !== props.viewerId && (
            <div class="actions">
              <form method="post" action={p(`/${props.kind}/${row.id}/approve`)}><button type="submit">{w.approve}</button></form>
              <form method="post" action={p(`/${props.kind}/${row.id}/reject`)} class="actions">
                <input name="reason" aria-label={w.reason} placeholder={w.reason} required maxlength={500} aria-invalid={props.rejectError?.id === row.id ? 'true' : undefined} />
                <button type="submit" class="secondary">{w.reject}</button>
                {props.rejectError?.id === row.id && <small id="f-reason-error" class="error">{props.rejectError.message}</small>}
              </form>
            </div>
          )}
        </>,
      ]}
    />
  );
}
