import { Field, formatDateTime, FormErrorSummary, SelectField, Table, useMessages, usePage } from '../../../core/plugin-api.ts';
import { mask } from '../access.ts';
import type { AccessEntry, ChainCheck } from '../access-log.ts';
import type { ChildRecord } from '../children.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import { caringMessages } from '../caring-messages.ts';
import { childMessages } from '../messages.ts';
import type { Referral } from '../referrals.ts';
import { CATEGORIES, CLOSE_REASONS, REFERRAL_KINDS, RISK_LEVELS, VISIT_MODES } from '../schema.ts';
import type { Visit } from '../visits.ts';
import { usePluginPath } from './parts.tsx';
import { ChildWishes } from './wish-pages.tsx';
import type { Wish } from '../wishes.ts';

type Form = { values: FormValues; errors: FieldErrors };

export function RegisterPage(props: Form & { districts: string[] }) {
  const t = useMessages(childMessages);
  const p = usePluginPath();
  const { values: v, errors: e } = props;
  const f = (name: string, label: string, type: 'text' | 'date' | 'tel' | 'textarea' = 'text', required = false) => (
    <Field name={name} label={label} type={type} value={v[name]} error={e[name]} required={required} />
  );
  return (
    <>
      <p><a href={p('/')}>{t.dueTitle}</a></p>
      <h1>{t.registerTitle}</h1>
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={p('/children')}>
        <fieldset>
          <legend>{t.minimum}</legend>
          {f('name', t.name, 'text', true)}
          <SelectField blank="—" name="category" label={t.category} choices={CATEGORIES.map((c) => [c, t.categories(c)] as const)} value={v.category} error={e.category} required />
          <SelectField blank="—" name="district" label={t.district} choices={props.districts} value={v.district} error={e.district} required />
          {f('village', t.village, 'text', true)}
          <SelectField blank="—" name="risk_level" label={t.risk} choices={RISK_LEVELS.map((r) => [r, t.risks(r)] as const)} value={v.risk_level} error={e.risk_level} required />
          {f('risk_reasons', t.riskReasons, 'textarea', true)}
          {f('review_on', t.reviewOn, 'date', true)}
          {f('director', t.director, 'text', true)}
        </fieldset>
        <fieldset>
          <legend>{t.consentSection}</legend>
          <p class="muted">{t.consentIntro}</p>
          {f('consent_given_by', t.consentGivenBy)}
          {f('consent_relation', t.consentRelation)}
          {f('consent_purposes', t.consentPurposes)}
          {f('consent_given_on', t.consentGivenOn, 'date')}
        </fieldset>
        <fieldset>
          <legend>{t.detailsSection}</legend>
          {f('guardian_name', t.guardianName)}
          {f('guardian_phone', t.guardianPhone, 'tel')}
          {f('address', t.address)}
          {f('school', t.school)}
          {f('needs', t.needs, 'textarea')}
        </fieldset>
        <button type="submit">{t.save}</button>
      </form>
    </>
  );
}

export type ChildPageProps = ChildRecord & { visits: Visit[]; referrals: Referral[]; showContact: boolean; mayVisit: boolean; mayRefer: boolean; mayListAccess: boolean; visitForm: Form; wishes: Wish[]; mayPublishWish: boolean; mayClose: boolean; mayPair: boolean; retentionDays: number };

/** A child's record: contact details and address masked unless the viewer is the assigned director. */
export function ChildPage(props: ChildPageProps) {
  const t = useMessages(childMessages);
  const p = usePluginPath();
  const { locale } = usePage();
  const { child, consent, details } = props;
  const shown = (text: string) => (props.showContact ? text : `${mask(text)} ${t.masked}`);
  return (
    <>
      <p><a href={p('/')}>{t.dueTitle}</a></p>
      <h1>{child.name}</h1>
      <dl>
        <dt>{t.category}</dt><dd>{t.categories(child.category)}</dd>
        <dt>{t.district}</dt><dd>{child.district} {child.village}</dd>
        <dt>{t.risk}</dt><dd>{t.risks(child.riskLevel)} · {child.riskReasons}</dd>
        <dt>{t.reviewOn}</dt><dd>{child.reviewOn}</dd>
        {child.closedOn && child.closeReason && <><dt>{t.closeTitle}</dt><dd id="closed">{t.closedLine(child.closedOn, t.closeReasons(child.closeReason))}</dd></>}
        <dt>{t.consent}</dt><dd>{consent ? t.consentLine(consent.givenBy, consent.relation, consent.givenOn, consent.purposes) : t.noConsent}</dd>
        {details && (
          <>
            <dt>{t.guardianName}</dt><dd>{details.guardianName}</dd>
            <dt>{t.guardianPhone}</dt><dd id="guardian-phone">{shown(details.guardianPhone)}</dd>
            <dt>{t.address}</dt><dd id="address">{shown(details.address)}</dd>
            <dt>{t.school}</dt><dd>{details.school}</dd>
            <dt>{t.needs}</dt><dd>{details.needs}</dd>
          </>
        )}
      </dl>
      {props.mayListAccess && <p><a href={p(`/children/${child.id}/access`)}>{t.accessTitle}</a></p>}
      {props.mayVisit && <VisitForm childId={child.id} {...props.visitForm} />}
      <h2>{t.visits}</h2>
      <Table
        columns={[t.visitedOn, t.mode, t.findings, t.visitNeeds, t.followUp]}
        rows={props.visits}
        emptyText={t.noVisits}
        cells={(v) => [<>{v.visitedOn}<div class="muted">{formatDateTime(v.recordedAt, locale)}</div></>, t.modes(v.mode), v.findings, v.needs, v.followUp]}
      />
      <h2>{t.referrals}</h2>
      <Table
        id="referrals"
        columns={[t.accessWhen, t.referralKind, t.referralReason]}
        rows={props.referrals}
        emptyText={t.noReferrals}
        cells={(r) => [formatDateTime(r.raisedAt, locale), t.referralKinds(r.kind), r.reason]}
      />
      {props.mayRefer && <ReferralForm childId={child.id} values={{}} errors={{}} />}
      <ChildWishes childId={child.id} wishes={props.wishes} mayPublish={props.mayPublishWish} form={{ values: {}, errors: {} }} />
      {props.mayPair && <p id="pair-link"><a href={p(`/children/${child.id}/pairing`)}>{useMessages(caringMessages).pairTitle}</a></p>}
      {props.mayClose && <CloseForm childId={child.id} retentionDays={props.retentionDays} values={{}} errors={{}} />}
    </>
  );
}

export function ReferralForm(props: Form & { childId: string }) {
  const t = useMessages(childMessages);
  const p = usePluginPath();
  const { values: v, errors: e } = props;
  return (
    <section id="raise-referral">
      <h3>{t.raiseReferral}</h3>
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={p(`/children/${props.childId}/referrals`)}>
        <SelectField blank="—" name="kind" label={t.referralKind} choices={REFERRAL_KINDS.map((k) => [k, t.referralKinds(k)] as const)} value={v.kind} error={e.kind} required />
        <Field name="reason" label={t.referralReason} type="textarea" value={v.reason} error={e.reason} required />
        <button type="submit">{t.raiseReferral}</button>
      </form>
    </section>
  );
}

export function CloseForm(props: Form & { childId: string; retentionDays: number }) {
  const t = useMessages(childMessages);
  const p = usePluginPath();
  const { values: v, errors: e } = props;
  return (
    <section id="close-case">
      <h2>{t.closeTitle}</h2>
      <p class="muted">{t.closeIntro(props.retentionDays)}</p>
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={p(`/children/${props.childId}/close`)}>
        <SelectField blank="—" name="reason" label={t.closeReason} choices={CLOSE_REASONS.map((r) => [r, t.closeReasons(r)] as const)} value={v.reason} error={e.reason} required />
        <button type="submit">{t.closeTitle}</button>
      </form>
    </section>
  );
}

/** The close form alone, sent back with its error: it reads nothing of the child. */
export function CloseFormPage(props: Form & { childId: string; retentionDays: number }) {
  const t = useMessages(childMessages);
  const p = usePluginPath();
  return (
    <>
      <p><a href={p(`/children/${props.childId}`)}>{t.child}</a></p>
      <CloseForm {...props} />
    </>
  );
}

/** The visit form alone, when it came back with errors: it shows nothing of the child, so it reads nothing. */
export function VisitFormPage(props: Form & { childId: string; referral?: boolean }) {
  const t = useMessages(childMessages);
  const p = usePluginPath();
  return (
    <>
      <p><a href={p(`/children/${props.childId}`)}>{t.child}</a></p>
      {props.referral ? <ReferralForm {...props} /> : <VisitForm {...props} />}
    </>
  );
}

function VisitForm(props: Form & { childId: string }) {
  const t = useMessages(childMessages);
  const p = usePluginPath();
  const { values: v, errors: e } = props;
  return (
    <section id="record-visit">
      <h2>{t.recordVisit}</h2>
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={p(`/children/${props.childId}/visits`)}>
        <Field name="visited_on" label={t.visitedOn} type="date" value={v.visited_on} error={e.visited_on} required />
        <SelectField blank="—" name="mode" label={t.mode} choices={VISIT_MODES.map((m) => [m, t.modes(m)] as const)} value={v.mode} error={e.mode} required />
        <Field name="findings" label={t.findings} type="textarea" value={v.findings} error={e.findings} required />
        <Field name="needs" label={t.visitNeeds} type="textarea" value={v.needs} error={e.needs} />
        <Field name="follow_up" label={t.followUp} type="textarea" value={v.follow_up} error={e.follow_up} />
        <button type="submit">{t.save}</button>
      </form>
    </section>
  );
}

export function AccessPage(props: { childId: string; entries: AccessEntry[]; names: Map<string, string>; chain: ChainCheck }) {
  const t = useMessages(childMessages);
  const p = usePluginPath();
  const { locale } = usePage();
  return (
    <>
      <p><a href={p(`/children/${props.childId}`)}>{t.child}</a></p>
      <h1>{t.accessTitle}</h1>
      <p class="muted">{t.accessIntro}</p>
      <p id="chain-status">{props.chain.ok ? t.chainOk(props.chain.entries) : t.chainBroken(props.chain.brokenAt, props.chain.chain)}</p>
      <Table
        id="access-log"
        columns={['#', t.accessWho, t.accessWhat, t.accessWhen]}
        rows={props.entries}
        cells={(a) => [String(a.seq), props.names.get(a.actorId) ?? a.actorId, t.actions(a.action), formatDateTime(a.at, locale)]}
      />
    </>
  );
}

export function SupervisorsPage(props: Form & { districts: string[]; assignments: { name: string; district: string }[] }) {
  const t = useMessages(childMessages);
  const p = usePluginPath();
  const { values: v, errors: e } = props;
  return (
    <>
      <h1>{t.supervisorsTitle}</h1>
      <p class="muted">{t.supervisorsIntro}</p>
      <Table columns={[t.accessWho, t.district]} rows={props.assignments} cells={(a) => [a.name, a.district]} />
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={p('/supervisors')}>
        <Field name="login" label={t.login} value={v.login} error={e.login} required />
        <SelectField blank="—" name="district" label={t.district} choices={props.districts} value={v.district} error={e.district} required />
        <button type="submit">{t.assign}</button>
      </form>
    </>
  );
}
