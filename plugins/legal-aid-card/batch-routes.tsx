import { Hono } from 'hono';
import { messagesFor, notFoundPage, type PluginEnv, qrSvg, requirePermission, setFlash, type SponsoringFoundation, toLocalDateInput } from '../../core/plugin-api.ts';
import { batchCounts, batchesWithCounts, createBatch, findBatch, setBatchStatus } from './batches.ts';
import { MAY_MANAGE_BATCHES } from './access.ts';
import { BATCH_FIELDS, batchForm, fieldErrors, type FieldErrors, type FormValues } from './forms.ts';
import { batchMessages, errorMessages } from './messages.ts';
import { idFrom, page, pluginPath, readForm, redirectTo, userId, pluginContext, type C, work } from './route-kit.ts';
import { BatchFormPage, BatchListPage, BatchPage } from './views/batch-pages.tsx';
import { CardSheet } from './views/card-sheet.tsx';

function renderBatchForm(c: C, status: 200 | 400, sponsors: SponsoringFoundation[], values: FormValues, errors: FieldErrors) {
  return page(c, status, <BatchFormPage sponsors={sponsors} values={values} errors={errors} />, messagesFor(c, batchMessages).newBatch);
}

/**
 * Card batches, recorded by the city admin on the sponsoring foundation's behalf
 * (the platform console takes no plugin pages): make, print once, suspend, resume.
 */
export function batchRoutes(app: Hono<PluginEnv>) {
  app.get('/batches', requirePermission(MAY_MANAGE_BATCHES), async (c) => {
    const batches = await work(c, batchesWithCounts);
    return c.render(<BatchListPage batches={batches} />, { title: messagesFor(c, batchMessages).title });
  });

  app.get('/batches/new', requirePermission(MAY_MANAGE_BATCHES), async (c) => {
    const today = toLocalDateInput(new Date());
    const sponsors = await work(c, (w) => w.sponsors());
    return renderBatchForm(c, 200, sponsors, { foundation: sponsors.length === 1 ? sponsors[0]!.id : '', sponsor: '', card_count: '100', valid_from: today, valid_until: `${Number(today.slice(0, 4)) + 3}${today.slice(4)}` }, {});
  });

  app.post('/batches/new', requirePermission(MAY_MANAGE_BATCHES), async (c) => {
    const values = await readForm(c, BATCH_FIELDS);
    const parsed = batchForm.safeParse(values);
    const e = messagesFor(c, errorMessages);
    // Only a foundation that sponsors the plugin in this city donates, checked in the transaction that writes.
    const result = await work(c, async (w) => {
      const sponsors = await w.sponsors();
      const errors = parsed.success ? {} : fieldErrors(parsed.error, e);
      const foundation = sponsors.find((s) => s.id === values.foundation);
      if (!foundation && !errors.foundation) errors.foundation = values.foundation ? e.notASponsor : e.chooseFoundation;
      if (!parsed.success || !foundation) return { ok: false as const, sponsors, errors };
      const f = parsed.data;
      const made = await createBatch(w, userId(c), { foundationId: foundation.id, sponsor: f.sponsor || foundation.name, cardCount: f.card_count, validFrom: f.valid_from, validUntil: f.valid_until });
      return made.ok ? made : { ok: false as const, sponsors, errors: { card_count: e.serialsExhausted } };
    });
    if (!result.ok) return renderBatchForm(c, 400, result.sponsors, values, result.errors);
    const activateUrl = `${c.var.origin}${pluginPath(c, '/activate')}`;
    // The codes exist only in this response: no cache may keep them.
    c.header('Cache-Control', 'no-store');
    const sheet = { batch: result.batch, cards: result.cards, cityName: pluginContext(c).city.names[pluginContext(c).city.locale], activateUrl, qrSvg: await qrSvg(activateUrl, 88) };
    return c.render(<CardSheet {...sheet} />, { title: messagesFor(c, batchMessages).sheetTitle });
  });

  app.get('/batches/:id', requirePermission(MAY_MANAGE_BATCHES), async (c) => {
    const id = idFrom(c);
    const found = id ? await work(c, async (w) => {
      const batch = await findBatch(w, id);
      return batch ? { batch, counts: await batchCounts(w, id) } : null;
    }) : null;
    if (!found) return notFoundPage(c);
    return c.render(<BatchPage {...found} />, { title: found.batch.sponsor });
  });

  for (const [action, status] of [['suspend', 'suspended'], ['resume', 'active']] as const) {
    app.post(`/batches/:id/${action}`, requirePermission(MAY_MANAGE_BATCHES), async (c) => {
      const id = idFrom(c);
      const batch = id ? await work(c, (w) => setBatchStatus(w, id, userId(c), status)) : null;
      if (!batch) return notFoundPage(c);
      const t = messagesFor(c, batchMessages);
      setFlash(c, { kind: 'success', message: status === 'suspended' ? t.suspended : t.resumed });
      return redirectTo(c, `/batches/${batch.id}`);
    });
  }
}
