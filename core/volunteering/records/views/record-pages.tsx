import { Duration } from '../../../../views/components/duration.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDate, formatDateTime } from '../../../i18n/format.ts';
import { recordMessages } from '../messages.ts';
import type { RecordDetail, RecordRights } from '../service.ts';
import { RecordActions, type RecordForms } from './record-actions.tsx';
import { RecordedDuration, RecordStatusBadge, ServiceName, SourceLabel } from './record-labels.tsx';

export type RecordPageProps = { detail: RecordDetail; rights: RecordRights; forms: RecordForms };

/** One service record: its facts, then what the viewer may do with it. */
export function RecordPage(props: RecordPageProps) {
  const t = useMessages(recordMessages);
  const { path } = usePage();
  const r = props.detail.record;
  const mayAct = props.rights.verifier || props.rights.overseer;
  return (
    <>
      <p>
        {mayAct && <a href={path(`/organisations/${r.organisationId}/records?status=${r.status === 'open' ? 'pending' : r.status}`)}>{t.backToQueue}</a>}
        {props.rights.owner && !mayAct && <a href={path('/volunteer/hours')}>{t.backToHours}</a>}
      </p>
      <h1>{t.recordTitle}</h1>
      <section class="card">
        <RecordFacts detail={props.detail} />
      </section>
      <FeedbackFacts detail={props.detail} />
      <RecordActions detail={props.detail} rights={props.rights} forms={props.forms} />
    </>
  );
}

function RecordFacts({ detail: d }: { detail: RecordDetail }) {
  const t = useMessages(recordMessages);
  const { locale } = usePage();
  const r = d.record;
  const when = (at: Date | null) => (at ? formatDateTime(at, locale) : '');
  return (
    <dl class="facts">
      <dt>{t.volunteer}</dt>
      <dd>{d.volunteerName}</dd>
      <dt>{t.volunteerNumber}</dt>
      <dd>{d.volunteerNumber ?? '—'}</dd>
      <dt>{t.organisation}</dt>
      <dd>{d.organisationName}</dd>
      <dt>{t.project}</dt>
      <dd>{d.projectName}</dd>
      <dt>{t.activity}</dt>
      <dd>{d.activityTitle ?? '—'}</dd>
      <dt>{t.start}</dt>
      <dd>{formatDateTime(r.startedAt, locale)}</dd>
      <dt>{t.end}</dt>
      <dd>{r.endedAt ? formatDateTime(r.endedAt, locale) : t.notEnded}</dd>
      <dt>{t.duration}</dt>
      <dd><Duration minutes={r.minutes} /></dd>
      {r.claimedMinutes !== null && (
        <>
          <dt>{t.claimedMinutes}</dt>
          <dd><RecordedDuration minutes={r.claimedMinutes} /> <span class="muted">({t.correctedNote})</span></dd>
        </>
      )}
      <dt>{t.content}</dt>
      <dd class="pre-line">{r.content || '—'}</dd>
      <dt>{t.source}</dt>
      <dd><SourceLabel source={r.source} /></dd>
      <dt>{t.status}</dt>
      <dd><RecordStatusBadge status={r.status} /></dd>
      {d.decidedByName && r.decidedAt && (
        <>
          <dt>{t.decided}</dt>
          <dd>{t.decidedAt(d.decidedByName, when(r.decidedAt))}</dd>
        </>
      )}
      {r.rejectionReason && (
        <>
          <dt>{t.rejectionReason}</dt>
          <dd class="pre-line">{r.rejectionReason}</dd>
        </>
      )}
      {d.revokedByName && r.revokedAt && (
        <>
          <dt>{t.revoked}</dt>
          <dd>{t.decidedAt(d.revokedByName, when(r.revokedAt))}</dd>
        </>
      )}
      {r.revocationReason && (
        <>
          <dt>{t.revocationReason}</dt>
          <dd class="pre-line">{r.revocationReason}</dd>
        </>
      )}
    </dl>
  );
}

/** The evaluation, and the dispute with its answer, when there are any. */
function FeedbackFacts({ detail: d }: { detail: RecordDetail }) {
  const t = useMessages(recordMessages);
  const { locale } = usePage();
  const r = d.record;
  return (
    <>
      {r.rating !== null && (
        <section class="card">
          <h2>{t.evaluation}</h2>
          <p>{t.stars(r.rating)}</p>
          {r.evaluation && <p class="pre-line">{r.evaluation}</p>}
          {d.evaluatedByName && r.evaluatedAt && <p class="muted">{t.evaluatedBy(d.evaluatedByName, formatDate(r.evaluatedAt, locale))}</p>}
        </section>
      )}
      {r.disputeReason !== null && (
        <section class="card">
          <h2>{t.dispute}</h2>
          <p class="pre-line">{r.disputeReason}</p>
          {r.disputedAt && <p class="muted">{t.disputedAt(formatDateTime(r.disputedAt, locale))}</p>}
          <h3>{t.disputeAnswer}</h3>
          {r.disputeAnswer === null ? (
            <p class="muted">{t.awaitingAnswer}</p>
          ) : (
            <>
              <p class="pre-line">{r.disputeAnswer}</p>
              {d.disputeAnsweredByName && r.disputeAnsweredAt && (
                <p class="muted">{t.answeredBy(d.disputeAnsweredByName, formatDateTime(r.disputeAnsweredAt, locale))}</p>
              )}
            </>
          )}
        </section>
      )}
    </>
  );
}
