import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { messagesFor, sitePath } from '../../views/context.ts';
import type { AppEnv } from '../http/env.ts';
import { setFlash } from '../http/flash.ts';
import { inCity, readForm } from '../http/handler-kit.ts';
import { requireUser } from '../identity/guard.ts';
import { CHANNELS, type Channel } from './kinds.ts';
import { outboxMessages } from './messages.ts';
import { noticeGroups, type NoticeGroup } from './notice-groups.ts';
import { readChoices, saveChoices } from './preferences.ts';
import { ChoicesPage, type ChoicesErrors, type ChoicesForm } from './views/choices-page.tsx';
import { sitePlugins } from '../plugins/site-plugins.ts';

type C = Context<AppEnv>;

function groupsOf(c: C): NoticeGroup[] {
  const plugins = sitePlugins(c);
  return noticeGroups([...plugins.enabled.keys()].flatMap((id) => plugins.registry.get(id) ?? []));
}

function render(c: C, status: 200 | 400, values: ChoicesForm, errors: ChoicesErrors) {
  const user = c.var.user!;
  c.status(status);
  return c.render(<ChoicesPage values={values} errors={errors} groups={groupsOf(c)} addresses={{ email: user.email, sms: user.mobile }} />, {
    title: messagesFor(c, outboxMessages).choicesTitle,
  });
}

const form = z.object({ channels: z.array(z.enum(CHANNELS as [Channel, ...Channel[]])), notices: z.array(z.string()) });

/** /account/messages: a person's channels and notices. Security messages are not among the choices. */
export function messageChoiceRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/account/messages', requireUser, async (c) => {
    const choices = await inCity(c, (tx, tenantId) => readChoices(tx, tenantId, c.var.user!.id));
    const notices = groupsOf(c).map((g) => g.id).filter((id) => !choices.optedOut.includes(id));
    return render(c, 200, { channels: CHANNELS.filter((ch) => choices.channels[ch]), notices }, {});
  });

  app.post('/account/messages', requireUser, async (c) => {
    const t = messagesFor(c, outboxMessages);
    const raw = await readForm(c, [], ['channels', 'notices']);
    const offered = groupsOf(c).map((g) => g.id);
    const parsed = form.safeParse(raw);
    const values: ChoicesForm = parsed.success ? parsed.data : { channels: [], notices: [] };
    const errors: ChoicesErrors = {};
    if (!parsed.success) errors.channels = t.unknownChannel;
    else if (values.notices.some((id) => !offered.includes(id))) errors.notices = t.unknownGroup;
    else if (values.channels.length === 0 && values.notices.length > 0) errors.channels = t.noChannel;
    if (Object.keys(errors).length) return render(c, 400, values, errors);

    const userId = c.var.user!.id;
    await inCity(c, async (tx, tenantId) => {
      const before = await readChoices(tx, tenantId, userId);
      // Opt-outs of groups not offered now (a plugin switched off since) are kept as they were.
      const optedOut = [...before.optedOut.filter((id) => !offered.includes(id)), ...offered.filter((id) => !values.notices.includes(id))];
      const channels = Object.fromEntries(CHANNELS.map((ch) => [ch, values.channels.includes(ch)])) as Record<Channel, boolean>;
      await saveChoices(tx, tenantId, userId, { channels, optedOut });
    });
    setFlash(c, { kind: 'success', message: t.saved });
    return c.redirect(sitePath(c, '/account/messages'), 303);
  });

  return app;
}
