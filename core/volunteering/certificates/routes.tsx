import { Hono } from 'hono';
import { z } from 'zod';
import { pageFromQuery } from '../../../views/components/pagination.tsx';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbiddenPage, notFoundPage } from '../../http/error-pages.tsx';
import { setFlash } from '../../http/flash.ts';
import { requirePermission, requireUser } from '../../identity/guard.ts';
import { queueCertificateReady } from './certificate-notices.ts';
import { certificateMessages, periodErrorMessages, type PeriodErrorKey } from './messages.ts';
import { issueCertificates, findCertificate, findCertificateByCode, listCertificates, normaliseCode, periodProblem } from './service.ts';
import type { FieldErrors, FormValues } from '../shared/forms.ts';
import { idFrom, inCity, page, readForm, userId, type C } from '../shared/route-kit.ts';
import { parseLocalDate, toLocalDateInput } from '../shared/time.ts';
import { findProfile } from '../volunteers/service.ts';
import { CertificatesPage } from './views/certificate-pages.tsx';
import { CertificateSheet } from './views/certificate-print.tsx';
import { UnknownCertificatePage, VerifyFormPage, VerifyResultPage } from './views/certificate-verify.tsx';
import { qrSvg } from '../shared/qr-svg.ts';
import { offerToPageCache } from '../../http/page-cache.ts';
import { findSeal } from './seals.ts';
import { sealResponse } from './seal-response.ts';
import { certificateChain } from './chain.ts';

const PAGE_SIZE = 20;

/** A certificate is its volunteer's, and open to the city's overseers who keep the register. */
const mayRead = (c: C, certificate: { volunteerUserId: string }) => certificate.volunteerUserId === userId(c) || c.var.permissions.has('service_records.oversee');
const key = (k: PeriodErrorKey) => k;

/** A period of China dates: both valid, then ordered, not in the future, at most five years. */
export const certificateForm = (now: Date) => {
  const date = z.string().trim().min(1, key('required')).refine((v) => parseLocalDate(v) !== null, key('dateInvalid'));
  return z.object({ from: date, to: date }).superRefine((f, ctx) => {
    if (!parseLocalDate(f.from) || !parseLocalDate(f.to)) return;
    const found = periodProblem(f.from, f.to, now);
    if (found) ctx.addIssue({ code: 'custom', path: [found.field], message: key(found.problem) });
  });
};

function periodErrors(error: z.ZodError, t: (typeof periodErrorMessages)['zh-CN']): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!errors[field]) errors[field] = t[issue.message as PeriodErrorKey] ?? t.dateInvalid;
  }
  return errors;
}

/** 1 January of this year to today, in China. */
function defaultPeriod(now = new Date()): FormValues {
  const today = toLocalDateInput(now);
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

async function renderList(c: C, status: 200 | 400, form: { values: FormValues; errors: FieldErrors; problem: string | null }, pageNumber = 1) {
  const { profile, list } = await inCity(c, async (tx, tenantId) => ({
    profile: await findProfile(tx, tenantId, userId(c)),
    list: await listCertificates(tx, tenantId, userId(c), pageNumber, PAGE_SIZE),
  }));
  const props = { ...form, hasProfile: profile !== null, rows: list.rows, total: list.total, page: pageNumber, pageSize: PAGE_SIZE };
  return page(c, status, <CertificatesPage {...props} />, messagesFor(c, certificateMessages).listTitle);
}

function unknownCertificate(c: C) {
  c.status(404);
  return c.render(<UnknownCertificatePage cityName={c.var.tenant.names[c.var.locale]} />, { title: messagesFor(c, certificateMessages).unknownTitle });
}

/**
 * /volunteer/certificates: a volunteer's certificates and making one; /certificates/:id:
 * the owner's printable certificate; /verify: anyone checks a code, without signing in.
 */
export function certificateRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/volunteer/certificates', requirePermission('service_hours.own'), (c) =>
    renderList(c, 200, { values: defaultPeriod(), errors: {}, problem: null }, pageFromQuery(c.req.query('page'))),
  );

  app.post('/volunteer/certificates', requirePermission('service_hours.own'), async (c) => {
    const values = await readForm(c, ['from', 'to']);
    const now = new Date();
    const parsed = certificateForm(now).safeParse(values);
    if (!parsed.success) return renderList(c, 400, { values, errors: periodErrors(parsed.error, messagesFor(c, periodErrorMessages)), problem: null });
    const { from, to } = parsed.data;
    const result = await inCity(c, async (tx, tenantId) => {
      const made = await issueCertificates(tx, { id: tenantId, slug: c.var.tenant.slug }, userId(c), from, to, now, clientAddress(c));
      for (const issued of made.ok ? made.certificates : []) {
        const certificate = { ...issued, volunteerUserId: userId(c), periodFrom: from, periodTo: to };
        await queueCertificateReady(tx, tenantId, certificate, `${c.var.origin}${sitePath(c, '/verify')}`);
      }
      return made;
    });
    const t = messagesFor(c, certificateMessages);
    if (result.ok) {
      const [only, ...more] = result.certificates;
      setFlash(c, { kind: 'success', message: more.length === 0 ? t.created : t.createdMany(result.certificates.length) });
      return c.redirect(sitePath(c, more.length === 0 ? `/certificates/${only!.id}` : '/volunteer/certificates'), 303);
    }
    const problem = { no_records: t.noRecords, no_profile: t.noProfileNow, identity_unverified: t.identityUnverified, bad_period: messagesFor(c, periodErrorMessages).dateInvalid }[result.reason];
    return renderList(c, 400, { values, errors: {}, problem });
  });

  app.get('/certificates/:id', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const found = await inCity(c, async (tx, tenantId) => {
      const certificate = await findCertificate(tx, tenantId, id);
      return certificate && mayRead(c, certificate) ? { certificate, chain: await certificateChain(tx, tenantId, certificate) } : { certificate, chain: null };
    });
    const { certificate, chain } = found;
    if (!certificate) return notFoundPage(c);
    if (!chain) return forbiddenPage(c);
    const verifyHome = `${c.var.origin}${sitePath(c, '/verify')}`;
    const verifyUrl = `${verifyHome}/${certificate.code}`;
    const qr = await qrSvg(verifyUrl, 160);
    const sheet = { certificate, cityName: c.var.tenant.names[c.var.locale], branding: c.var.tenant.branding, qrSvg: qr, verifyUrl, verifyHome, chain };
    return c.render(<CertificateSheet {...sheet} />, { title: messagesFor(c, certificateMessages).certificateTitle });
  });

  // The seal the certificate was issued under: an image of the bytes checked at upload, never run as a page.
  app.get('/certificates/:id/seal', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const found = await inCity(c, async (tx, tenantId) => {
      const certificate = await findCertificate(tx, tenantId, id);
      if (!certificate || !mayRead(c, certificate)) return { certificate, seal: null };
      const seal = certificate.organisationId && certificate.sealDigest ? await findSeal(tx, tenantId, certificate.organisationId, certificate.sealDigest) : null;
      return { certificate, seal };
    });
    if (!found.certificate) return notFoundPage(c);
    if (!mayRead(c, found.certificate)) return forbiddenPage(c);
    if (!found.seal) return notFoundPage(c);
    return sealResponse(c, found.seal, 'private, max-age=31536000, immutable');
  });

  app.get('/verify', (c) => {
    const typed = c.req.query('code');
    if (typed === undefined) return page(c, 200, <VerifyFormPage value="" />, messagesFor(c, certificateMessages).verifyTitle);
    const code = normaliseCode(typed);
    if (code) return c.redirect(sitePath(c, `/verify/${code}`), 302);
    const t = messagesFor(c, certificateMessages);
    const error = typed.trim() ? t.codeInvalid : messagesFor(c, periodErrorMessages).required;
    return page(c, 400, <VerifyFormPage value={typed} error={error} />, t.verifyTitle);
  });

  app.get('/verify/:code', async (c) => {
    const code = normaliseCode(c.req.param('code'));
    const certificate = code ? await inCity(c, (tx, tenantId) => findCertificateByCode(tx, tenantId, code)) : null;
    if (!certificate) return unknownCertificate(c);
    const cityName = c.var.tenant.names[c.var.locale];
    offerToPageCache(c);
    return c.render(<VerifyResultPage certificate={certificate} cityName={cityName} />, { title: messagesFor(c, certificateMessages).resultTitle });
  });

  return app;
}
