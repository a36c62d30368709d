import { Field } from '../../../../views/components/field.tsx';
import { Duration } from '../../../../views/components/duration.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDate } from '../../../i18n/format.ts';
import { certificateMessages } from '../messages.ts';
import { groupCode, type CertificateWithState } from '../service.ts';
import { maskMiddle, maskName } from '../../shared/masking.ts';
import { day, Period, ProjectTable, TotalTime, ValidityBadge } from './certificate-parts.tsx';

/** A GET form: typing a code lands on `/verify/<code>`, so the result has a link of its own. */
export function VerifyForm(props: { value: string; error?: string }) {
  const t = useMessages(certificateMessages);
  const { path } = usePage();
  return (
    <form method="get" action={path('/verify')} class="stack">
      <Field name="code" label={t.verifyField} value={props.value} error={props.error} required autocomplete="off" maxlength={30} />
      <div><button type="submit">{t.verifyButton}</button></div>
    </form>
  );
}

export function VerifyFormPage(props: { value: string; error?: string }) {
  const t = useMessages(certificateMessages);
  return (
    <>
      <h1>{t.verifyTitle}</h1>
      <p class="muted">{t.verifyIntro}</p>
      <section class="card">
        <VerifyForm {...props} />
      </section>
    </>
  );
}

/** What a stranger sees: the certified facts, the person only masked, and whether it still holds. */
export function VerifyResultPage({ certificate: c, cityName }: { certificate: CertificateWithState; cityName: string }) {
  const t = useMessages(certificateMessages);
  const { path, locale } = usePage();
  const s = c.summary;
  const valid = c.revoked.count === 0;
  return (
    <>
      <h1>{t.resultTitle}</h1>
      <section class="card">
        <p>
          <ValidityBadge valid={valid} /> {t.issuer(cityName)} · {t.certificateTitle} · {t.code} <strong>{groupCode(c.code)}</strong>
        </p>
        <p class={valid ? 'flash flash-success' : 'flash flash-error'} role="status">{valid ? t.validNotice : t.invalidNotice(c.revoked.count)}</p>
        <dl class="facts">
          <dt>{t.volunteer}</dt>
          <dd>{maskName(s.volunteerName)}</dd>
          <dt>{t.volunteerNumber}</dt>
          <dd>{maskMiddle(s.volunteerNumber)}</dd>
          <dt>{t.period}</dt>
          <dd><Period from={c.periodFrom} to={c.periodTo} /></dd>
          <dt>{t.totalHours}</dt>
          <dd><TotalTime minutes={c.totalMinutes} /></dd>
          {!valid && (
            <>
              <dt>{t.stillValid}</dt>
              <dd><Duration minutes={c.totalMinutes - c.revoked.minutes} /></dd>
            </>
          )}
          {s.firstDay && s.lastDay && (
            <>
              <dt>{t.serviceDays}</dt>
              <dd>{day(s.firstDay, locale)} – {day(s.lastDay, locale)}</dd>
            </>
          )}
          <dt>{t.issued}</dt>
          <dd>{formatDate(c.createdAt, locale)}</dd>
        </dl>
        <p class="muted">{t.maskedNote}</p>
      </section>
      <h2>{t.byProject}</h2>
      <ProjectTable projects={s.projects} />
      <p><a href={path('/verify')}>{t.checkAnother}</a></p>
    </>
  );
}

export function UnknownCertificatePage({ cityName }: { cityName: string }) {
  const t = useMessages(certificateMessages);
  return (
    <>
      <section class="card">
        <h1>{t.unknownTitle}</h1>
        <p>{t.unknownBody(cityName)}</p>
      </section>
      <section class="card">
        <VerifyForm value="" />
      </section>
    </>
  );
}
