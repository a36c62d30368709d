import { Duration } from '../../../../views/components/duration.tsx';
import { Table } from '../../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDate } from '../../../i18n/format.ts';
import { day } from '../../certificates/views/certificate-parts.tsx';
import { ID_TYPES, maskIdNumber } from '../../volunteers/id-documents.ts';
import type { VolunteerProfile } from '../../volunteers/service.ts';
import { CoverSection, type Cover } from '../../insurance/views/cover-section.tsx';
import { recognitionMessages } from '../messages.ts';
import { starMessages } from '../../stars/messages.ts';
import { Stars } from '../../stars/views/star-page.tsx';
import type { verifiedService } from '../record.ts';
import { RECENT, type volunteerRecognition } from '../service.ts';

export type RecordPageProps = {
  profile: VolunteerProfile;
  stars: number;
  verifiedMinutes: number;
  service: Awaited<ReturnType<typeof verifiedService>>;
  recognition: Awaited<ReturnType<typeof volunteerRecognition>>;
  cover: Cover;
};

/** The volunteer's own record in the 办法's five parts; the ID number masked even to its owner, as on a certificate. */
export function RecordPage({ profile, stars, verifiedMinutes, service, recognition, cover }: RecordPageProps) {
  const s = useMessages(starMessages);
  const t = useMessages(recognitionMessages);
  const { locale } = usePage();
  const doc = profile.idDocument;
  return (
    <>
      <h1>{t.recordTitle}</h1>
      <p class="muted">{t.recordIntro}</p>
      <section class="card">
        <h2>{t.basics}</h2>
        <dl class="facts">
          <dt>{t.name}</dt>
          <dd>{profile.realName}</dd>
          <dt>{t.volunteerNumber}</dt>
          <dd>{profile.volunteerNumber}</dd>
          <dt>{t.idDocument}</dt>
          <dd>{doc ? `${ID_TYPES[doc.type][locale]} ${maskIdNumber(doc.type, doc.number)}` : t.none}</dd>
          <dt>{s.starLevel}</dt>
          <dd>{stars > 0 ? <Stars count={stars} /> : s.noStars}</dd>
          <dt>{t.idVerified}</dt>
          <dd>{profile.idVerifiedAt ? `${t.verified} ${formatDate(profile.idVerifiedAt, locale)}` : t.unverified}</dd>
        </dl>
      </section>
      <CoverSection cover={cover} />
      <h2>{t.service}</h2>
      <p>{t.totalVerified}: <strong><Duration minutes={verifiedMinutes} /></strong></p>
      <Table
        columns={[t.date, t.organisation, t.activity, t.content, t.time, t.evaluation]}
        rows={service}
        cells={(r) => [
          formatDate(r.startedAt, locale),
          r.organisation,
          r.activity ?? r.project,
          r.content,
          <Duration minutes={r.minutes} />,
          r.rating ? `${'★'.repeat(r.rating)} ${r.evaluation ?? ''}` : '—',
        ]}
      />
      <h2>{t.trainings}</h2>
      <Table columns={[t.heldOn, t.title, t.minutes, t.organisation]} rows={recognition.trainings} cells={(r) => [day(r.heldOn, locale), r.title, <Duration minutes={r.minutes} />, r.organisation]} />
      <h2>{t.commendations}</h2>
      <Table columns={[t.awardedOn, t.title, t.awardedBy, t.organisation]} rows={recognition.commendations} cells={(r) => [day(r.awardedOn, locale), r.title, r.awardedBy, r.organisation]} />
      <p class="muted">{t.recentNote(RECENT)}</p>
    </>
  );
}
