import { CheckboxGroup, Field, FormErrorSummary, SelectField, Table, useMessages } from '../../../core/plugin-api.ts';
import { type CaseNote, type CaseStep, type CaseSummary, type CaseView, EMERGENCY_GROUNDS, EXEMPT_GROUPS } from '../applications.ts';
import { caseMessages } from '../case-messages.ts';
import { consultationMessages } from '../consultation-messages.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import { CaseForm } from './case-forms.tsx';
import type { District } from '../districts.ts';
import type { UpcomingDeadline } from '../case-deadlines.ts';
import type { LawyerMatch } from '../matching.ts';
import { matchingMessages } from '../matching-messages.ts';
import { CaseDeadlines, DistrictField, DistrictName, MyDeadlines } from './matching-parts.tsx';
import { HoursForm } from './hours-pages.tsx';
import { CategoryField, PluginPage, PostForm, ThreadEntry } from './page-parts.tsx';
import { usePluginPath, When } from './parts.tsx';

function CaseStatus({ c, now }: { c: CaseSummary; now: Date }) {
  const t = useMessages(caseMessages);
  const label = { submitted: t.statusSubmitted, approved: t.statusApproved, rejected: t.statusRejected, closed: t.statusClosed }[c.status];
  const late = (c.status === 'submitted' && c.decisionDueAt < now) || (c.status === 'approved' && !c.lawyerUserId && c.designationDueAt !== null && c.designationDueAt < now);
  return <><span class={c.status === 'approved' || c.status === 'closed' ? 'badge' : 'badge off'}>{label}</span>{late && <> <strong class="error">{t.overdue}</strong></>}{(c.decisionAlertedAt || c.designationAlertedAt) && <> · {t.alerted}</>}</>;
}

/** Each step of the law's flow with its date or its deadline, so the applicant follows where the case is. */
function Steps({ c }: { c: CaseSummary }) {
  const t = useMessages(caseMessages);
  const step = (label: string, done: Date | null, due?: Date | null) => (
    <li>{done ? '✔' : '○'} {label}{done ? <> · <When at={done} /></> : due ? <> · {label === t.stepDecided ? t.decisionDue : t.designationDue} <When at={due} /></> : null}</li>
  );
  return (
    <ol class="steps">
      {step(t.stepSubmitted, c.submittedAt)}
      {c.emergencyServiceAt && <li>✔ {t.emergencyService} · <When at={c.emergencyServiceAt} /></li>}
      {step(t.stepDecided, c.decidedAt, c.decisionDueAt)}
      {c.status !== 'rejected' && step(t.stepDesignated, c.designatedAt, c.designationDueAt)}
      {c.status !== 'rejected' && step(t.stepClosed, c.closedAt)}
    </ol>
  );
}

export function AidListPage({ applications, now }: { applications: CaseSummary[]; now: Date }) {
  const t = useMessages(caseMessages);
  const c = useMessages(consultationMessages);
  const p = usePluginPath();
  return (
    <PluginPage>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p><a class="button" href={p('/aid/new')}>{t.apply}</a></p>
      <h2>{t.mine}</h2>
      <Table columns={[t.category, t.stepSubmitted, t.status, '']} rows={applications} emptyText={t.none} cells={(a) => [c.categories(a.category), <When at={a.submittedAt} />, <CaseStatus c={a} now={now} />, <a href={p(`/cases/${a.id}`)}>{t.open}</a>]} />
    </PluginPage>
  );
}

export function AidFormPage({ values, errors, districts }: { values: FormValues; errors: FieldErrors; districts: readonly District[] }) {
  const t = useMessages(caseMessages);
  return (
    <PluginPage back={{ path: '/aid', label: t.title }}>
      <h1>{t.apply}</h1>
      <p>{t.intro}</p>
      <PostForm path="/aid/new" button={t.submit} errors={errors}>
        <CategoryField label={t.category} value={values.category} error={errors.category} />
        <Field name="matter" label={t.matter} hint={t.matterHint} type="textarea" value={values.matter} error={errors.matter} required maxlength={3000} />
        <DistrictField districts={districts} value={values.district} error={errors.district} />
        <Field name="adverse_party" label={t.adverseParty} hint={t.adversePartyHint} value={values.adverse_party} error={errors.adverse_party} required maxlength={200} />
        <SelectField name="exempt_group" label={t.basis} choices={[['', t.basisHardship], ...EXEMPT_GROUPS.map((g): [string, string] => [g, t.exemptGroups(g)])]} value={values.exempt_group} error={errors.exempt_group} />
        <Field name="hardship_statement" label={t.hardshipStatement} hint={t.hardshipHint} type="textarea" value={values.hardship_statement} error={errors.hardship_statement} maxlength={2000} />
        <CheckboxGroup name="commitment" label={t.commitmentLabel} choices={[['yes', t.commitment]]} values={values.commitment ? [values.commitment] : []} error={errors.commitment} />
        <SelectField name="emergency_ground" label={t.emergency} choices={[['', t.emergencyNone], ...EMERGENCY_GROUNDS.map((g): [string, string] => [g, t.emergencyGrounds(g)])]} value={values.emergency_ground} error={errors.emergency_ground} />
      </PostForm>
    </PluginPage>
  );
}

export type CasePageProps = { view: CaseView; lawyers: readonly LawyerMatch[]; names: Map<string, string>; now: Date; districts: readonly District[] };

export function CasePage({ view, lawyers, names, now, mayEnterHours, districts, applicantView }: CasePageProps & { mayEnterHours?: boolean; applicantView?: boolean }) {
  const t = useMessages(caseMessages);
  const c = useMessages(consultationMessages);
  const m = useMessages(matchingMessages);
  const s: CaseSummary = view.full ? view.application : view.summary;
  return (
    <PluginPage back={{ path: '/aid', label: t.title }}>
      <h1>{c.categories(s.category)}</h1>
      <p><CaseStatus c={s} now={now} /></p>
      <Steps c={s} />
      {s.district && <p>{m.district}: <DistrictName districts={districts} zh={s.district} /></p>}
      {s.offeredAt && !s.lawyerUserId && s.status === 'approved' && <p><span class="badge">{m.offered}</span></p>}
      {!view.full && <p class="flash">{t.summaryOnly}</p>}
      {view.full && (
        <dl class="facts">
          <dt>{t.applicant}</dt>
          <dd>{names.get(view.application.applicantUserId) ?? ''}</dd>
          <dt>{t.adverseParty}</dt>
          <dd>{view.application.adverseParty}</dd>
          <dt>{t.basis}</dt>
          <dd>{view.application.exemptGroup ? t.exemptGroups(view.application.exemptGroup) : t.basisHardship}</dd>
          {view.application.hardshipStatement && <><dt>{t.hardshipStatement}</dt><dd class="pre-line">{view.application.hardshipStatement}</dd></>}
          {view.application.emergencyGround && <><dt>{t.emergency}</dt><dd>{t.emergencyGrounds(view.application.emergencyGround)}</dd></>}
          <dt>{t.matter}</dt>
          <dd class="pre-line">{view.application.matter}</dd>
          {view.application.decisionReasons && <><dt>{t.reasons}</dt><dd class="pre-line">{view.application.decisionReasons}</dd></>}
          {view.application.lawyerUserId && <><dt>{t.lawyer}</dt><dd>{names.get(view.application.lawyerUserId) ?? ''}</dd></>}
          {view.application.outcome && <><dt>{t.outcome}</dt><dd>{t.outcomes(view.application.outcome)}</dd></>}
          {view.application.referredTo && <><dt>{t.referredTo}</dt><dd>{view.application.referredTo}</dd></>}
        </dl>
      )}
      {view.full && <CaseNotes notes={view.notes} names={names} />}
      {view.full && <CaseDeadlines caseId={s.id} deadlines={view.deadlines} hearingsOnly={applicantView ?? false} mayKeep={view.actions.includes('deadlines')} now={now} />}
      {view.actions.map((action) => <CaseForm action={action} id={s.id} lawyers={lawyers} />)}
      {view.full && mayEnterHours && <HoursForm path={`/cases/${s.id}`} />}
    </PluginPage>
  );
}

function CaseNotes({ notes, names }: { notes: CaseNote[]; names: Map<string, string> }) {
  const t = useMessages(caseMessages);
  return (
    <section>
      <h2>{t.notes}</h2>
      {notes.length === 0 && <p class="muted">{t.noNotes}</p>}
      {notes.map((n) => <ThreadEntry by={names.get(n.authorUserId) ?? ''} at={n.createdAt} body={n.body} />)}
    </section>
  );
}

/** One action's form alone, back with its error: the case itself is shown only by an audited read. */
export function CaseStepPage(props: { action: CaseStep; id: string; values: FormValues; errors: FieldErrors; lawyers: readonly LawyerMatch[] }) {
  const t = useMessages(caseMessages);
  return (
    <PluginPage back={{ path: `/cases/${props.id}`, label: t.cases }}>
      <FormErrorSummary show />
      {props.errors.case && <p class="error" role="alert">{props.errors.case}</p>}
      <CaseForm {...props} />
    </PluginPage>
  );
}

export function CaseListPage({ cases, now, mayExport, lawyer, deadlines }: { cases: CaseSummary[]; now: Date; mayExport: boolean; lawyer: boolean; deadlines: readonly UpcomingDeadline[] }) {
  const t = useMessages(caseMessages);
  const m = useMessages(matchingMessages);
  const c = useMessages(consultationMessages);
  const p = usePluginPath();
  return (
    <PluginPage>
      <h1>{t.cases}</h1>
      <p class="muted">{t.casesIntro}</p>
      <p class="actions">
        <a href={p('/conflicts')}>{t.conflictsTitle}</a>
        {lawyer && <> · <a href={p('/profile')}>{m.profileLink}</a> · <a href={p('/offers')}>{m.offersLink}</a></>}
      </p>
      {lawyer && <MyDeadlines deadlines={deadlines} now={now} />}
      {mayExport && (
        <p>
          <a href={p('/cases.csv')}>{t.exportCases}</a> <span class="muted">{t.exportNote}</span>
        </p>
      )}
      <Table
        columns={[t.category, t.decisionDue, t.designationDue, t.status, '']}
        rows={cases}
        cells={(k) => [c.categories(k.category), <When at={k.decisionDueAt} />, k.designationDueAt ? <When at={k.designationDueAt} /> : '', <><CaseStatus c={k} now={now} />{k.offeredAt && !k.lawyerUserId && k.status === 'approved' && <> <span class="badge">{m.offered}</span></>}</>, <a href={p(`/cases/${k.id}`)}>{t.open}</a>]}
      />
    </PluginPage>
  );
}

export function ConflictsPage({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  const t = useMessages(caseMessages);
  return (
    <PluginPage back={{ path: '/cases', label: t.cases }}>
      <h1>{t.conflictsTitle}</h1>
      <p>{t.conflictsIntro}</p>
      <PostForm path="/conflicts" button={t.save} errors={errors}>
        <Field name="firm" label={t.firm} value={values.firm} error={errors.firm} maxlength={200} />
        <Field name="parties" label={t.parties} type="textarea" value={values.parties} error={errors.parties} maxlength={5000} />
      </PostForm>
    </PluginPage>
  );
}
