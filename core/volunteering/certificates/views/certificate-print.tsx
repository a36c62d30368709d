import { raw } from 'hono/html';
import { useMessages, usePage } from '../../../../views/context.ts';
import type { Branding } from '../../../db/schema/tenancy.ts';
import { formatDate } from '../../../i18n/format.ts';
import { certificateMessages } from '../messages.ts';
import { groupCode, type CertificateWithState } from '../service.ts';
import { day, IssuerBlock, Period, ProjectTable, TotalTime, ValidityBadge } from './certificate-parts.tsx';
import { ID_TYPES, isIdType } from '../../volunteers/id-documents.ts';
import type { Locale } from '../../../i18n/messages.ts';
import { Stars } from '../../stars/views/star-page.tsx';
import { starMessages } from '../../stars/messages.ts';
import { Duration } from '../../../../views/components/duration.tsx';
import { Table } from '../../../../views/components/table.tsx';
import { ChainLink, YourAccountRef } from '../../../ledger/public-page.tsx';
import type { CertificateChainEntry } from '../chain.ts';

const idTypeName = (type: string, locale: Locale) => (isIdType(type) ? ID_TYPES[type][locale] : type);

export type CertificateSheetProps = {
  certificate: CertificateWithState;
  cityName: string;
  branding: Branding;
  /** `<svg>` markup from the qrcode library, of `verifyUrl`. */
  qrSvg: string;
  verifyUrl: string;
  /** Where a reader types the code by hand. */
  verifyHome: string;
  /** Each record's place on the public ledger, and the owner's account reference there. */
  chain: { entries: CertificateChainEntry[]; accountRef: string | null };
};

// Reveals the button only where it can work; without JavaScript the browser's own Print does the same.
const PRINT_SCRIPT = `(function(){var b=document.getElementById('print-certificate');if(!b)return;b.hidden=false;b.addEventListener('click',function(){window.print();});})();`;

/** The owner's certificate, laid out to print on one A4 sheet (theme.css hides the site around it). */
export function CertificateSheet(props: CertificateSheetProps) {
  const t = useMessages(certificateMessages);
  const st = useMessages(starMessages);
  const { path, locale, nonce } = usePage();
  const c = props.certificate;
  const s = c.summary;
  const valid = c.revoked.count === 0;
  return (
    <>
      <div class="certificate-tools">
        <p><a href={path('/volunteer/certificates')}>{t.backToList}</a></p>
        <p class="muted">{t.printHint}</p>
        <p><button type="button" id="print-certificate" class="secondary" hidden>{t.print}</button></p>
      </div>
      <article class="certificate card">
        <header class="certificate-head">
          <p class="brand-line">
            {props.branding.logoUrl ? <img src={props.branding.logoUrl} alt="" class="logo" /> : <span class="logo-text">{props.branding.logoText}</span>}{' '}
            <strong>{props.cityName}</strong>
          </p>
          <h1>{t.certificateTitle}</h1>
        </header>
        {!valid && <p class="flash flash-error" role="alert">{t.invalidNotice(c.revoked.count)}</p>}
        <p>{t.certifies(s.volunteerName, s.volunteerNumber)}</p>
        <dl class="facts">
          <dt>{t.volunteer}</dt>
          <dd>{s.volunteerName}</dd>
          <dt>{t.volunteerNumber}</dt>
          <dd>{s.volunteerNumber}</dd>
          {s.idType && s.idNumberMasked && (
            <>
              <dt>{t.idDocument}</dt>
              <dd>{idTypeName(s.idType, locale)} {s.idNumberMasked}</dd>
            </>
          )}
          {s.stars ? (
            <>
              <dt>{st.starLevel}</dt>
              <dd><Stars count={s.stars} /></dd>
            </>
          ) : null}
          {c.number && (
            <>
              <dt>{t.number}</dt>
              <dd class="certificate-number">{c.number}</dd>
            </>
          )}
          <dt>{t.period}</dt>
          <dd><Period from={c.periodFrom} to={c.periodTo} /></dd>
          <dt>{t.totalHours}</dt>
          <dd><TotalTime minutes={c.totalMinutes} /></dd>
          {s.firstDay && s.lastDay && (
            <>
              <dt>{t.serviceDays}</dt>
              <dd>{day(s.firstDay, locale)} – {day(s.lastDay, locale)}</dd>
            </>
          )}
          <dt>{t.state}</dt>
          <dd><ValidityBadge valid={valid} /></dd>
        </dl>
        <h2>{t.byProject}</h2>
        <ProjectTable projects={s.projects} />
        <section class="certificate-check">
          <a class="qr" href={props.verifyUrl} aria-label={t.qrLabel}>{raw(props.qrSvg)}</a>
          <div>
            <p>
              {t.code}: <strong class="code">{groupCode(c.code)}</strong>
            </p>
            <p class="muted">
              {t.verifyAt} {props.verifyHome}
            </p>
          </div>
        </section>
        {s.issuer ? <IssuerBlock issuer={s.issuer} sealUrl={c.sealDigest ? path(`/certificates/${c.id}/seal`) : null} /> : null}
        <p class="issuer">
          {s.issuer ? t.issuedBy(s.issuer.name) : t.issuer(props.cityName)} · {t.issued}: {formatDate(c.createdAt, locale)}
        </p>
      </article>
      <LedgerEntries chain={props.chain} />
      <script nonce={nonce}>{raw(PRINT_SCRIPT)}</script>
    </>
  );
}

/** On screen only (the tools are not printed): each amount linked to its place on the city's public ledger. */
function LedgerEntries({ chain }: { chain: CertificateSheetProps['chain'] }) {
  const t = useMessages(certificateMessages);
  const { locale } = usePage();
  return (
    <section class="certificate-tools card" id="ledger-entries">
      <h2>{t.ledgerHeading}</h2>
      <p class="muted">{t.ledgerIntro}</p>
      <YourAccountRef refs={chain.accountRef ? [chain.accountRef] : []} />
      <Table
        columns={[t.serviceDay, t.hours, t.ledgerHeading]}
        rows={chain.entries}
        cells={(e) => [formatDate(e.startedAt, locale), <Duration minutes={e.minutes} />, <ChainLink seq={e.seq} />]}
      />
    </section>
  );
}
