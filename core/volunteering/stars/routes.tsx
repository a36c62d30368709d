import { Hono } from 'hono';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { setFlash } from '../../http/flash.ts';
import { requirePermission } from '../../identity/guard.ts';
import type { FieldErrors, FormValues } from '../shared/forms.ts';
import { inCity, page, readForm, userId, type C } from '../shared/route-kit.ts';
import { starMessages } from './messages.ts';
import { findStarHours, saveStarHours, starredVolunteers } from './service.ts';
import { StarPage } from './views/star-page.tsx';

const FIELDS = ['star1', 'star2', 'star3', 'star4', 'star5'];
const LISTED = 200;

async function render(c: C, status: 200 | 400, values: FormValues | null, errors: FieldErrors = {}) {
  const { hours, rows } = await inCity(c, async (tx, tenantId) => ({ hours: await findStarHours(tx, tenantId), rows: await starredVolunteers(tx, tenantId, LISTED) }));
  const shown = values ?? Object.fromEntries(FIELDS.map((f, i) => [f, String(hours[i])]));
  return page(c, status, <StarPage values={shown} errors={errors} rows={rows} />, messagesFor(c, starMessages).title);
}

/** Five increasing whole numbers of hours, or the fields that are not. */
function readHours(values: Record<string, string>): { ok: true; hours: number[] } | { ok: false; errors: FieldErrors } {
  const hours = FIELDS.map((f) => (/^\d{1,5}$/.test(values[f]!.trim()) ? Number(values[f]!.trim()) : NaN));
  const bad = FIELDS.filter((_, i) => !(hours[i]! > 0) || (i > 0 && !(hours[i]! > hours[i - 1]!)));
  return bad.length === 0 ? { ok: true, hours } : { ok: false, errors: Object.fromEntries(bad.map((f) => [f, 'increasing'])) };
}

/** /admin/star-levels: the city's thresholds and its starred volunteers. */
export function starRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const oversee = requirePermission('service_records.oversee');

  app.get('/admin/star-levels', oversee, (c) => render(c, 200, null));

  app.post('/admin/star-levels', oversee, async (c) => {
    const values = await readForm(c, FIELDS);
    const read = readHours(values);
    const t = messagesFor(c, starMessages);
    if (!read.ok) return render(c, 400, values, Object.fromEntries(Object.keys(read.errors).map((f) => [f, t.increasing])));
    await inCity(c, (tx, tenantId) => saveStarHours(tx, tenantId, read.hours, { id: userId(c), address: clientAddress(c) }));
    setFlash(c, { kind: 'success', message: t.saved });
    return c.redirect(sitePath(c, '/admin/star-levels'), 303);
  });

  return app;
}
