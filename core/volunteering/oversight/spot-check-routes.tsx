import { Hono } from 'hono';
import { z } from 'zod';
import { PAGE_SIZE, pageFromQuery } from '../../../views/components/pagination.tsx';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { isPartialRequest, renderFragment } from '../../../views/renderer.tsx';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { notFoundPage } from '../../http/error-pages.tsx';
import { setFlash } from '../../http/flash.ts';
import { requirePermission } from '../../identity/guard.ts';
import type { FieldErrors, FormValues } from '../shared/forms.ts';
import { idFrom, inCity, page, readForm, userId, type C } from '../shared/route-kit.ts';
import { spotCheckErrors, spotCheckMessages, type SpotCheckErrorKey } from './spot-check-messages.ts';
import { drawSpotCheck, findSpotCheck, listSpotChecks, markSpotCheckItem, MAX_SAMPLE_SIZE, reportOf, sampleItems, type SpotCheck } from './spot-checks.ts';
import { parseLocalDate } from '../shared/time.ts';
import { SpotCheckReportPage } from './views/spot-check-report.tsx';
import { periodText, ReportFacts, SampleRow, type FailedMark } from './views/spot-check-rows.tsx';
import { SpotCheckListPage, SpotCheckPage } from './views/spot-check-pages.tsx';

const manage = requirePermission('spot_checks.manage');
const key = (k: SpotCheckErrorKey) => k;
const day = z.string().trim().min(1, key('required')).refine((v) => parseLocalDate(v) !== null, key('dateInvalid'));

const drawForm = z
  .object({
    from: day,
    to: day,
    sample_size: z
      .string()
      .trim()
      .regex(/^\d{1,6}$/, key('sampleSizeRange'))
      .transform(Number)
      .refine((n) => n >= 1 && n <= MAX_SAMPLE_SIZE, key('sampleSizeRange')),
    seed: z.string().trim().max(64, key('seedTooLong')),
  })
  .refine((f) => f.to >= f.from, { path: ['to'], message: key('toBeforeFrom') });

const markForm = z
  .object({
    outcome: z.enum(['confirmed', 'problem']),
    note: z.string().trim().max(500, key('noteTooLong')),
  })
  .refine((f) => f.outcome !== 'problem' || f.note !== '', { path: ['note'], message: key('noteRequired') });

const titleOf = (c: C, check: Pick<SpotCheck, 'periodFrom' | 'periodTo'>) => messagesFor(c, spotCheckMessages).checkTitle(periodText(check, c.var.locale));

/** The first problem of each field in the user's language. */
function errorsOf(c: C, error: z.ZodError): FieldErrors {
  const t = messagesFor(c, spotCheckErrors);
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= t[issue.message as SpotCheckErrorKey] ?? t.invalid;
  }
  return errors;
}

async function renderList(c: C, status: 200 | 400, values: FormValues, errors: FieldErrors, refusal?: string) {
  const pageNo = pageFromQuery(c.req.query('page'));
  const { rows, total } = await inCity(c, (tx, tenantId) => listSpotChecks(tx, tenantId, pageNo, PAGE_SIZE));
  const props = { rows, total, page: pageNo, values, errors, refusal };
  return page(c, status, <SpotCheckListPage {...props} />, messagesFor(c, spotCheckMessages).listTitle);
}

/** The check with its whole sample; null when the id is not one of this city's checks. */
function loadCheck(c: C, id: string) {
  return inCity(c, async (tx, tenantId) => {
    const check = await findSpotCheck(tx, tenantId, id);
    if (!check) return null;
    const items = await sampleItems(tx, tenantId, id);
    return { check, items, report: reportOf(items) };
  });
}

/** /admin/spot-checks: the city admin's random checks of verified service records. */
export function spotCheckRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/admin/spot-checks', manage, (c) => renderList(c, 200, { sample_size: '20' }, {}));

  app.post('/admin/spot-checks', manage, async (c) => {
    const values = await readForm(c, ['from', 'to', 'sample_size', 'seed']);
    const parsed = drawForm.safeParse(values);
    if (!parsed.success) return renderList(c, 400, values, errorsOf(c, parsed.error));
    const f = parsed.data;
    const input = { from: f.from, to: f.to, sampleSize: f.sample_size, seed: f.seed || null, createdBy: userId(c), address: clientAddress(c) };
    const result = await inCity(c, (tx, tenantId) => drawSpotCheck(tx, tenantId, input));
    const t = messagesFor(c, spotCheckMessages);
    if (!result.ok) return renderList(c, 400, values, {}, t.noPopulation);
    setFlash(c, { kind: 'success', message: t.drawn(result.drawn, result.population) });
    return c.redirect(sitePath(c, `/admin/spot-checks/${result.id}`), 303);
  });

  app.get('/admin/spot-checks/:id', manage, async (c) => {
    const id = idFrom(c);
    const found = id && (await loadCheck(c, id));
    if (!found) return notFoundPage(c);
    return c.render(<SpotCheckPage {...found} />, { title: titleOf(c, found.check) });
  });

  app.get('/admin/spot-checks/:id/report', manage, async (c) => {
    const id = idFrom(c);
    const found = id && (await loadCheck(c, id));
    if (!found) return notFoundPage(c);
    return c.render(<SpotCheckReportPage {...found} now={new Date()} />, { title: messagesFor(c, spotCheckMessages).reportTitle(periodText(found.check, c.var.locale)) });
  });

  app.post('/admin/spot-checks/:id/items/:recordId', manage, async (c) => {
    const id = idFrom(c);
    const recordId = idFrom(c, 'recordId');
    const values = await readForm(c, ['outcome', 'note']);
    const parsed = markForm.safeParse(values);
    const errors = parsed.success ? {} : errorsOf(c, parsed.error);
    // Only a hand-made request sends an outcome the form does not offer.
    if (!id || !recordId || errors.outcome) return notFoundPage(c);
    const found = await inCity(c, async (tx, tenantId) => {
      const check = await findSpotCheck(tx, tenantId, id);
      if (!check) return null;
      const marked = parsed.success
        ? await markSpotCheckItem(tx, tenantId, id, recordId, { ...parsed.data, checkerId: userId(c), address: clientAddress(c) })
        : null;
      return { check, marked, items: await sampleItems(tx, tenantId, id) };
    });
    const item = found?.items.find((i) => i.recordId === recordId);
    if (!found || !item) return notFoundPage(c);
    const { check, items, marked } = found;
    const report = reportOf(items);
    if (!marked?.ok) {
      const failed: FailedMark = { recordId, note: String(values.note), error: errors.note ?? messagesFor(c, spotCheckErrors).noteRequired };
      c.status(400);
      if (isPartialRequest(c)) return renderFragment(c, <SampleRow checkId={id} item={item} failed={failed} />);
      return c.render(<SpotCheckPage check={check} items={items} report={report} failed={failed} />, { title: titleOf(c, check) });
    }
    if (isPartialRequest(c)) {
      // The row replaces the form's row; the tally beside the sample follows as an htmx partial.
      return renderFragment(
        c,
        <>
          <SampleRow checkId={id} item={item} />
          <template hx="" type="partial" hx-target="#spot-check-summary" hx-swap="outerHTML">
            <ReportFacts report={report} sampleSize={check.sampleSize} />
          </template>
        </>,
      );
    }
    const t = messagesFor(c, spotCheckMessages);
    setFlash(c, { kind: 'success', message: item.outcome === 'problem' ? t.markedProblem(item.position) : t.markedConfirmed(item.position) });
    return c.redirect(sitePath(c, `/admin/spot-checks/${id}#item-${item.position}`), 303);
  });

  return app;
}
