import { Hono } from 'hono';
import type { z } from 'zod';
import { pageFromQuery, PAGE_SIZE } from '../../../views/components/pagination.tsx';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { isPartialRequest, renderFragment } from '../../../views/renderer.tsx';
import type { Tx } from '../../db/database.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbiddenPage, notFoundPage } from '../../http/error-pages.tsx';
import { setFlash } from '../../http/flash.ts';
import { requireUser } from '../../identity/guard.ts';
import { formatDuration } from '../../i18n/format.ts';
import { answerDispute, disputeRecord, evaluateRecord } from './feedback.ts';
import type { FormValues } from '../shared/forms.ts';
import { errorMessages } from '../shared/messages.ts';
import { evaluateForm, reasonForm, recordFieldErrors, recordIds, verifyForm } from './forms.ts';
import { recordErrors, recordMessages, type RecordMessages } from './messages.ts';
import { receivedRecords } from '../exchange/received.ts';
import { findRecord, hoursSummary, minutesOf, organisationRecords, othersRecords, QUEUE_TABS, queueRow, recordAccess, recordsAccess, volunteerRecords, type QueueTab, type RecordDetail, type RecordRights } from './service.ts';
import { idFrom, inCity, page, readForm, userId, type C } from '../shared/route-kit.ts';
import { rejectRecord, revokeRecord, verifyRecords, type Decision } from './verification.ts';
import { findProfile } from '../volunteers/service.ts';
import { HoursPage } from './views/hours-page.tsx';
import { ProfileFirstPage } from './views/profile-first-page.tsx';
import type { RecordAction, RecordForms } from './views/record-actions.tsx';
import { RecordPage } from './views/record-pages.tsx';
import { QueuePage, QueueRowView, type QueueRowProps } from './views/record-queue.tsx';
import { sitePlugins } from '../../plugins/site-plugins.ts';

/** Records from other cities or systems the hours page lists (a volunteer has a handful; the import page has them all). */
const RECEIVED_SHOWN = 200;

const tabOf = (value: string | undefined): QueueTab => (QUEUE_TABS as readonly string[]).includes(value ?? '') ? (value as QueueTab) : 'pending';
const oversees = (c: C) => c.var.permissions.has('service_records.oversee');
const decisionOf = (c: C): Decision => ({ deciderId: userId(c), address: clientAddress(c) });
type Outcome = { ok: true } | { ok: false; reason: 'not_found' | 'wrong_status' | 'transferred' };

/**
 * One action on one record: who may take it, the form it reads, the service
 * it calls (in the tenant transaction) and what the user is told.
 */
type Step<S extends z.ZodType> = {
  fields: string[];
  form: S;
  may: (rights: RecordRights) => boolean;
  run: (c: C, tx: Tx, tenantId: string, detail: RecordDetail, data: z.output<S>) => Promise<Outcome>;
  /** `duration`: the record's duration after the step, as the user reads it. */
  done: (t: RecordMessages, duration: string) => string;
  refused: (t: RecordMessages, reason: Exclude<Outcome, { ok: true }>['reason'] | null) => string;
};
const step = <S extends z.ZodType>(s: Step<S>) => s as unknown as Step<z.ZodType>;

const STEPS: Record<RecordAction, Step<z.ZodType>> = {
  verify: step({
    fields: ['hours', 'minutes'],
    form: verifyForm,
    may: (r) => r.verifier,
    run: async (c, tx, tenantId, d, data) => {
      const items = [{ recordId: d.record.id, minutes: data.minutes }];
      const result = await verifyRecords(tx, tenantId, d.record.organisationId, items, decisionOf(c), sitePlugins(c).events);
      return result.verified.length === 1 ? { ok: true } : { ok: false, reason: 'wrong_status' };
    },
    done: (t, duration) => t.verifiedOne(duration),
    refused: (t) => t.notPending,
  }),
  reject: step({
    fields: ['rejection_reason'],
    form: reasonForm('rejection_reason'),
    may: (r) => r.verifier,
    run: (c, tx, tenantId, d, data) => rejectRecord(tx, tenantId, d.record.organisationId, d.record.id, data.rejection_reason, decisionOf(c)),
    done: (t) => t.rejectedOne,
    refused: (t) => t.notPending,
  }),
  revoke: step({
    fields: ['revocation_reason'],
    form: reasonForm('revocation_reason'),
    may: (r) => r.verifier || r.overseer,
    run: (c, tx, tenantId, d, data) => revokeRecord(tx, tenantId, d.record.organisationId, d.record.id, data.revocation_reason, decisionOf(c), sitePlugins(c).events),
    done: (t) => t.revokedOne,
    refused: (t, reason) => (reason === 'transferred' ? t.revokeTransferred : t.notVerified),
  }),
  evaluate: step({
    fields: ['rating', 'comment'],
    form: evaluateForm,
    may: (r) => r.verifier,
    run: (c, tx, tenantId, d, data) => evaluateRecord(tx, tenantId, d.record.organisationId, d.record.id, data, decisionOf(c)),
    done: (t) => t.evaluatedOne,
    refused: (t) => t.notVerified,
  }),
  answer: step({
    fields: ['answer'],
    form: reasonForm('answer'),
    may: (r) => r.verifier,
    run: (c, tx, tenantId, d, data) => answerDispute(tx, tenantId, d.record.organisationId, d.record.id, data.answer, decisionOf(c)),
    done: (t) => t.answeredOne,
    refused: (t) => t.noOpenDispute,
  }),
  dispute: step({
    fields: ['dispute_reason'],
    form: reasonForm('dispute_reason'),
    may: (r) => r.owner,
    run: (c, tx, tenantId, d, data) => disputeRecord(tx, tenantId, d.record.id, userId(c), data.dispute_reason, clientAddress(c)),
    done: (t) => t.disputedOne,
    refused: (t) => t.cannotDispute,
  }),
};

function renderRecord(c: C, status: 200 | 400, detail: RecordDetail, rights: RecordRights, forms: RecordForms) {
  return page(c, status, <RecordPage detail={detail} rights={rights} forms={forms} />, messagesFor(c, recordMessages).recordTitle);
}

async function takeStep(c: C, action: RecordAction) {
  const id = idFrom(c);
  if (!id) return notFoundPage(c);
  const s = STEPS[action];
  const values: FormValues = await readForm(c, s.fields);
  const parsed = s.form.safeParse(values);
  const outcome = await inCity(c, async (tx, tenantId) => {
    const access = await recordAccess(tx, tenantId, id, userId(c), oversees(c));
    if (!access.ok || !s.may(access.rights) || !parsed.success) return { access, result: null };
    const result = await s.run(c, tx, tenantId, access.detail, parsed.data);
    // Read back what was decided (a verification may have corrected the minutes).
    return { access, result, after: result.ok ? await findRecord(tx, tenantId, id) : null };
  });
  const { access, result } = outcome;
  if (!access.ok) return access.reason === 'not_found' ? notFoundPage(c) : forbiddenPage(c);
  if (!s.may(access.rights)) return forbiddenPage(c);
  // Verify and reject are also offered in the rows of the queue, whose htmx requests get that row back.
  const inRow = isPartialRequest(c) && (action === 'verify' || action === 'reject');
  if (!parsed.success) {
    const errors = recordFieldErrors(parsed.error, messagesFor(c, errorMessages), messagesFor(c, recordErrors));
    if (inRow) return queueRowFragment(c, 400, id, access.rights.verifier, { rejectForm: { values, errors } });
    return renderRecord(c, 400, access.detail, access.rights, { [action]: { values, errors } });
  }
  if (result && !result.ok && result.reason === 'not_found') return notFoundPage(c);
  const t = messagesFor(c, recordMessages);
  const after = outcome.after ?? access.detail;
  const notice = result?.ok ? { kind: 'success' as const, message: s.done(t, formatDuration(after.record.minutes, c.var.locale)) } : { kind: 'error' as const, message: s.refused(t, result?.ok === false ? result.reason : null) };
  if (inRow) return queueRowFragment(c, notice.kind === 'success' ? 200 : 409, id, access.rights.verifier, { notice });
  setFlash(c, notice);
  return c.redirect(sitePath(c, `/records/${id}`), 303);
}

/** A record's row of the queue after an action in it, saying what happened (or what to correct) in the row. */
async function queueRowFragment(c: C, status: 200 | 400 | 409, id: string, canVerify: boolean, extra: Pick<QueueRowProps, 'notice' | 'rejectForm'>) {
  const row = await inCity(c, (tx, tenantId) => queueRow(tx, tenantId, id));
  if (!row) return notFoundPage(c);
  c.status(status);
  return renderFragment(c, <QueueRowView row={row} selectable={canVerify} canVerify={canVerify} {...extra} />);
}

/** Verifying service records: an organisation's queue, one record's page and actions, and a volunteer's own hours. */
export function recordRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/organisations/:id/records', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const tab = tabOf(c.req.query('status'));
    const pageNumber = pageFromQuery(c.req.query('page'));
    const found = await inCity(c, async (tx, tenantId) => {
      const access = await recordsAccess(tx, tenantId, id, userId(c), oversees(c));
      return access.ok ? { access, list: await organisationRecords(tx, tenantId, id, tab, pageNumber, PAGE_SIZE) } : { access, list: null };
    });
    if (!found.access.ok) return found.access.reason === 'not_found' ? notFoundPage(c) : forbiddenPage(c);
    const { organisation, canVerify } = found.access;
    const props = { organisation, canVerify, tab, page: pageNumber, pageSize: PAGE_SIZE, ...found.list! };
    return c.render(<QueuePage {...props} />, { title: messagesFor(c, recordMessages).queueTitle(organisation.name) });
  });

  app.post('/organisations/:id/records/verify', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const form = await readForm(c, ['status', 'page', 'all_on_page'], ['record_id', 'page_id']);
    const ids = recordIds((form.all_on_page ? form.page_id : form.record_id) as string[]);
    const outcome = await inCity(c, async (tx, tenantId) => {
      const access = await recordsAccess(tx, tenantId, id, userId(c), oversees(c));
      if (!access.ok || !access.canVerify || ids.length === 0) return { access, verified: 0, own: 0, minutes: 0 };
      const items = (await othersRecords(tx, tenantId, ids, userId(c))).map((recordId) => ({ recordId }));
      const result = await verifyRecords(tx, tenantId, id, items, decisionOf(c), sitePlugins(c).events);
      return { access, verified: result.verified.length, own: ids.length - items.length, minutes: await minutesOf(tx, tenantId, result.verified) };
    });
    if (!outcome.access.ok) return outcome.access.reason === 'not_found' ? notFoundPage(c) : forbiddenPage(c);
    if (!outcome.access.canVerify) return forbiddenPage(c);
    const t = messagesFor(c, recordMessages);
    const skipped = ids.length - outcome.verified - outcome.own;
    if (ids.length === 0) setFlash(c, { kind: 'error', message: t.nothingSelected });
    else {
      const parts = [t.verifiedBatch(outcome.verified, formatDuration(outcome.minutes, c.var.locale)), skipped > 0 ? t.skippedBatch(skipped) : '', outcome.own > 0 ? t.ownSkipped(outcome.own) : ''];
      const message = parts.filter(Boolean).join(' ');
      setFlash(c, { kind: outcome.verified > 0 ? 'success' : 'info', message });
    }
    const back = `/organisations/${id}/records?status=${tabOf(form.status as string)}&page=${pageFromQuery(form.page as string)}`;
    return c.redirect(sitePath(c, back), 303);
  });

  app.get('/records/:id', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const access = await inCity(c, (tx, tenantId) => recordAccess(tx, tenantId, id, userId(c), oversees(c)));
    if (!access.ok) return access.reason === 'not_found' ? notFoundPage(c) : forbiddenPage(c);
    return renderRecord(c, 200, access.detail, access.rights, {});
  });

  for (const action of Object.keys(STEPS) as RecordAction[]) app.post(`/records/:id/${action}`, requireUser, (c) => takeStep(c, action));

  app.get('/volunteer/hours', requireUser, async (c) => {
    // A resident becomes a volunteer by completing the profile: show them the way rather than a 403.
    if (!c.var.permissions.has('service_hours.own')) {
      const hasProfile = await inCity(c, async (tx, tenantId) => (await findProfile(tx, tenantId, userId(c))) !== null);
      if (hasProfile) return forbiddenPage(c);
      return c.render(<ProfileFirstPage />, { title: messagesFor(c, recordMessages).hoursTitle });
    }
    const pageNumber = pageFromQuery(c.req.query('page'));
    const found = await inCity(c, async (tx, tenantId) => {
      // Independent reads, sent together: one round trip instead of three.
      const [summary, rows, received] = await Promise.all([
        hoursSummary(tx, tenantId, userId(c)),
        volunteerRecords(tx, tenantId, userId(c), pageNumber, PAGE_SIZE),
        receivedRecords(tx, tenantId, userId(c), RECEIVED_SHOWN),
      ]);
      const total = Object.values(summary.counts).reduce((a, b) => a + b, 0);
      return { hasProfile: summary.hasProfile, summary, rows, total, received };
    });
    return c.render(<HoursPage {...found} page={pageNumber} pageSize={PAGE_SIZE} />, { title: messagesFor(c, recordMessages).hoursTitle });
  });

  return app;
}
