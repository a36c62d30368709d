import { Table } from '../../../../views/components/table.tsx';
import { Duration } from '../../../../views/components/duration.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDate, minutesAsHours } from '../../../i18n/format.ts';
import type { Locale } from '../../../i18n/messages.ts';
import { certificateMessages } from '../messages.ts';
import type { CertificateSummary } from '../schema.ts';
import { parseLocalDate } from '../../shared/time.ts';

/** A stored China date (`2026-03-01`) as the reader's locale shows dates. */
export function day(value: string, locale: Locale): string {
  const date = parseLocalDate(value);
  return date ? formatDate(date, locale) : value;
}

export function Period({ from, to }: { from: string; to: string }) {
  const { locale } = usePage();
  return <span class="period">{day(from, locale)} – {day(to, locale)}</span>;
}

/** `12小时30分钟（合 12.50 小时）`: the one way a certificate states its total. */
export function TotalTime({ minutes }: { minutes: number }) {
  const t = useMessages(certificateMessages);
  return (
    <span>
      <strong><Duration minutes={minutes} /></strong> <span class="muted">({t.decimalHours(minutesAsHours(minutes))})</span>
    </span>
  );
}

export function ValidityBadge({ valid }: { valid: boolean }) {
  const t = useMessages(certificateMessages);
  return <span class={valid ? 'badge' : 'badge off'}>{valid ? t.valid : t.invalid}</span>;
}

/** Hours by project and organisation, as frozen when the certificate was made. */
export function ProjectTable({ projects }: { projects: CertificateSummary['projects'] }) {
  const t = useMessages(certificateMessages);
  return (
    <Table
      columns={[t.project, t.organisation, t.hours, t.records]}
      rows={projects}
      empty={false}
      cells={(p) => [
        p.name,
        p.organisation,
        <Duration minutes={p.minutes} />,
        p.records,
      ]}
    />
  );
}

/** The organisation that certifies, with its seal image, or the place where it stamps one by hand. */
export function IssuerBlock({ issuer, sealUrl }: { issuer: NonNullable<CertificateSummary['issuer']>; sealUrl: string | null }) {
  const t = useMessages(certificateMessages);
  return (
    <section class="certificate-issuer">
      <dl class="facts">
        <dt>{t.issuingOrganisation}</dt>
        <dd>{issuer.name}</dd>
        {issuer.creditCode && (
          <>
            <dt>{t.creditCode}</dt>
            <dd>{issuer.creditCode}</dd>
          </>
        )}
      </dl>
      {sealUrl ? <img class="seal" src={sealUrl} alt={t.sealAlt(issuer.name)} width={120} height={120} /> : <p class="seal-place muted">{t.sealPlace}</p>}
    </section>
  );
}
