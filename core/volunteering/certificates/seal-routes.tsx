import { Hono } from 'hono';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { notFoundPage } from '../../http/error-pages.tsx';
import { setFlash } from '../../http/flash.ts';
import { requireUser } from '../../identity/guard.ts';
import { organisationFor } from '../organisations/page-guard.ts';
import type { Organisation } from '../organisations/service.ts';
import { inCity, page, userId, type C } from '../shared/route-kit.ts';
import { MAY_MANAGE_MEMBERS } from '../volunteers/members.ts';
import { sealMessages } from './seal-messages.ts';
import { sealResponse } from './seal-response.ts';
import { checkSeal, currentSeal, MAX_SEAL_BYTES, saveSeal, type SealProblem } from './seals.ts';
import { SealPage } from './views/seal-page.tsx';

async function renderPage(c: C, status: 200 | 400, organisation: Organisation, error?: string) {
  const seal = await inCity(c, (tx, tenantId) => currentSeal(tx, tenantId, organisation.id));
  return page(c, status, <SealPage organisation={organisation} uploadedAt={seal?.uploadedAt ?? null} error={error} />, messagesFor(c, sealMessages).title(organisation.name));
}

/** /organisations/:id/seal: an organisation's administrators upload the seal its certificates carry. */
export function sealRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/organisations/:id/seal', requireUser, async (c) => {
    const found = await organisationFor(c, MAY_MANAGE_MEMBERS);
    return 'refused' in found ? found.refused : renderPage(c, 200, found.organisation);
  });

  app.post('/organisations/:id/seal', requireUser, async (c) => {
    const found = await organisationFor(c, MAY_MANAGE_MEMBERS);
    if ('refused' in found) return found.refused;
    const body = await c.req.parseBody();
    const checked = await checkSeal(body.seal);
    const t = messagesFor(c, sealMessages);
    if (!checked.ok) {
      const problems: Record<SealProblem, string> = { missing: t.missing, tooLarge: t.tooLarge(MAX_SEAL_BYTES / 1024), notAnImage: t.notAnImage };
      return renderPage(c, 400, found.organisation, problems[checked.problem]);
    }
    await inCity(c, (tx, tenantId) => saveSeal(tx, tenantId, found.organisation.id, checked, { id: userId(c), address: clientAddress(c) }));
    setFlash(c, { kind: 'success', message: t.uploaded });
    return c.redirect(sitePath(c, `/organisations/${found.organisation.id}/seal`), 303);
  });

  app.get('/organisations/:id/seal/image', requireUser, async (c) => {
    const found = await organisationFor(c, MAY_MANAGE_MEMBERS);
    if ('refused' in found) return found.refused;
    const seal = await inCity(c, (tx, tenantId) => currentSeal(tx, tenantId, found.organisation.id));
    return seal ? sealResponse(c, seal, 'private, no-cache') : notFoundPage(c);
  });

  return app;
}
