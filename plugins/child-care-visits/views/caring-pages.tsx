import { CheckboxGroup, Field, formatDate, FormErrorSummary, SelectField, Table, useMessages, usePage } from '../../../core/plugin-api.ts';
import type { AwaitingContact, CaringParent, Pairing, PairingView } from '../caring-parents.ts';
import { caringMessages } from '../caring-messages.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import { childMessages } from '../messages.ts';
import { VISIT_MODES } from '../schema.ts';
import { usePluginPath } from './parts.tsx';

type Form = { values: FormValues; errors: FieldErrors };

function PostButton(props: { action: string; label: string }) {
  const p = usePluginPath();
  return (
    <form method="post" action={p(props.action)} class="inline">
      <button type="submit">{props.label}</button>
    </form>
  );
}

export type CaringPageProps = {
  application: CaringParent | null;
  pairing: PairingView | null;
  applyForm: Form;
  contactForm: Form;
  awaiting: AwaitingContact[];
  names: Map<string, string>;
  maySupervise: boolean;
};

/** The caring parent's page (apply, their child's alias and contacts) and the director's contacts to confirm. */
export function CaringPage(props: CaringPageProps) {
  const t = useMessages(caringMessages);
  const p = usePluginPath();
  return (
    <>
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      {props.maySupervise && <p><a href={p('/caring/applicants')}>{t.applicants}</a></p>}
      {props.awaiting.length > 0 && <AwaitingContacts awaiting={props.awaiting} names={props.names} />}
      {props.application ? <MyApplication {...props} application={props.application} /> : <ApplyForm {...props.applyForm} />}
    </>
  );
}

function AwaitingContacts(props: { awaiting: AwaitingContact[]; names: Map<string, string> }) {
  const t = useMessages(caringMessages);
  const m = useMessages(childMessages);
  return (
    <section id="contacts-to-confirm">
      <h2>{t.toConfirm}</h2>
      <Table
        columns={[t.caringParent, t.alias, t.contactedOn, t.minutes, t.mode, t.note, '']}
        rows={props.awaiting}
        cells={(x) => [props.names.get(x.caringParentUserId) ?? '', x.alias, x.contactedOn, String(x.minutes), m.modes(x.mode), x.note, <PostButton action={`/contacts/${x.id}/confirm`} label={t.confirm} />]}
      />
    </section>
  );
}

export function ApplyForm(props: Form) {
  const t = useMessages(caringMessages);
  const p = usePluginPath();
  const { values: v, errors: e } = props;
  return (
    <section id="apply">
      <h2>{t.applyTitle}</h2>
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={p('/caring/apply')}>
        <Field name="motivation" label={t.motivation} type="textarea" value={v.motivation} error={e.motivation} required />
        <CheckboxGroup name="no_record" label={t.myStatus} choices={[['yes', t.noRecord]]} values={v.no_record ? [v.no_record] : []} error={e.no_record} required />
        <button type="submit">{t.apply}</button>
      </form>
    </section>
  );
}

function MyApplication(props: CaringPageProps & { application: CaringParent }) {
  const t = useMessages(caringMessages);
  return (
    <section id="my-application">
      <p>{t.myStatus}: <strong>{t.statuses(props.application.status)}</strong></p>
      {props.application.status === 'approved' && (props.pairing ? <MyChild pairing={props.pairing} form={props.contactForm} /> : <p class="muted">{t.notPaired}</p>)}
    </section>
  );
}

function MyChild(props: { pairing: PairingView; form: Form }) {
  const t = useMessages(caringMessages);
  const m = useMessages(childMessages);
  const p = usePluginPath();
  const { values: v, errors: e } = props.form;
  const { pairing, district, nextContactOn, contacts } = props.pairing;
  return (
    <section id="my-child">
      <h2>{t.myChild}</h2>
      <dl>
        <dt>{t.alias}</dt><dd>{pairing.alias}</dd>
        <dt>{t.district}</dt><dd>{district}</dd>
        <dt>{t.nextContact}</dt><dd id="next-contact">{nextContactOn}</dd>
      </dl>
      <h3>{t.recordContact}</h3>
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={p(`/pairings/${pairing.id}/contacts`)}>
        <Field name="contacted_on" label={t.contactedOn} type="date" value={v.contacted_on} error={e.contacted_on} required />
        <Field name="minutes" label={t.minutes} type="number" value={v.minutes} error={e.minutes} required />
        <SelectField blank="—" name="mode" label={t.mode} choices={VISIT_MODES.map((x) => [x, m.modes(x)] as const)} value={v.mode} error={e.mode} required />
        <Field name="note" label={t.note} type="textarea" value={v.note} error={e.note} required />
        <button type="submit">{m.save}</button>
      </form>
      <h3>{t.contacts}</h3>
      <Table
        id="contacts"
        columns={[t.contactedOn, t.minutes, t.mode, t.note, '']}
        rows={contacts}
        cells={(x) => [x.contactedOn, String(x.minutes), m.modes(x.mode), x.note, x.confirmedAt ? t.confirmed : t.waiting]}
      />
    </section>
  );
}

/** A supervisor's list of applications, each to vet with the record check they made. */
export function ApplicantsPage(props: { applications: CaringParent[]; names: Map<string, string>; form: Form & { id?: string } }) {
  const t = useMessages(caringMessages);
  const { locale } = usePage();
  return (
    <>
      <h1>{t.applicantsTitle}</h1>
      <Table
        id="applicants"
        columns={[t.caringParent, t.motivation, t.appliedAt, t.myStatus, t.checkedBy]}
        rows={props.applications}
        emptyText={t.noApplicants}
        cells={(a) => [
          props.names.get(a.userId) ?? '', a.motivation, formatDate(a.appliedAt, locale),
          a.status === 'applied' ? <VetForm id={a.id} form={props.form.id === a.id ? props.form : { values: {}, errors: {} }} /> : t.statuses(a.status),
          a.checkedBy ? `${props.names.get(a.checkedBy) ?? ''} · ${a.checkReference ?? ''}` : '',
        ]}
      />
    </>
  );
}

function VetForm(props: { id: string; form: Form }) {
  const t = useMessages(caringMessages);
  const p = usePluginPath();
  const { values: v, errors: e } = props.form;
  return (
    <form method="post" action={p(`/applicants/${props.id}/vet`)}>
      <Field name="check_reference" label={t.checkReference} value={v.check_reference} error={e.check_reference} required />
      <SelectField blank="—" name="decision" label={t.decision} choices={[['approve', t.approve], ['reject', t.reject]]} value={v.decision} error={e.decision} required />
      <button type="submit">{t.vet}</button>
    </form>
  );
}

export type PairPageProps = Form & {
  childId: string;
  current: Pairing | null;
  candidates: { id: string; name: string }[];
  organisations: { id: string; name: string }[];
};

/** The supervisor pairs a vetted caring parent with the child, under an organisation of theirs. */
export function PairPage(props: PairPageProps) {
  const t = useMessages(caringMessages);
  const m = useMessages(childMessages);
  const p = usePluginPath();
  const { values: v, errors: e } = props;
  return (
    <>
      <p><a href={p(`/children/${props.childId}`)}>{m.child}</a></p>
      <h1>{t.pairTitle}</h1>
      <p class="muted">{t.pairIntro}</p>
      {props.current && <p id="current-pairing">{t.currentPairing}: {props.current.alias} · {props.current.pairedOn}</p>}
      {props.organisations.length === 0 && <p class="error">{t.noOrganisation}</p>}
      {props.candidates.length === 0 && <p class="muted">{t.noApproved}</p>}
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={p(`/children/${props.childId}/pairing`)}>
        <SelectField blank="—" name="caring_parent" label={t.caringParent} choices={props.candidates.map((c) => [c.id, c.name] as const)} value={v.caring_parent} error={e.caring_parent} required />
        <SelectField blank="—" name="organisation" label={t.organisation} choices={props.organisations.map((o) => [o.id, o.name] as const)} value={v.organisation} error={e.organisation} required />
        <Field name="alias" label={t.aliasHint} value={v.alias} error={e.alias} required />
        <button type="submit">{t.pair}</button>
      </form>
    </>
  );
}
