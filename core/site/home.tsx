import type { Context } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { messagesFor, sitePath } from '../../views/context.ts';
import { siteMessages } from './messages.ts';

/** A city's front page: who runs it, what it offers, and the way in. */
export function homePage(c: Context<AppEnv>) {
  const t = messagesFor(c, siteMessages);
  const { tenant, user, locale } = c.var;
  const modules = [...c.var.enabledPlugins.keys()].map((id) => c.var.plugins.get(id)).filter((p) => p !== undefined);
  return c.render(
    <>
      <section class="card hero">
        <h1>{t.welcome(tenant.names[locale])}</h1>
        <p>{t.intro}</p>
        {user ? (
          <p>{t.hello(user.name)}</p>
        ) : (
          <p class="actions">
            <a class="button" href={sitePath(c, '/register')}>{t.joinNow}</a>
            <a href={sitePath(c, '/sign-in')}>{t.haveAccount}</a>
          </p>
        )}
      </section>
      <section>
        <h2>{t.modules}</h2>
        {modules.length === 0 ? (
          <p class="muted">{t.noModules}</p>
        ) : (
          <ul class="grid plain">
            {modules.map((p) => (
              <li class="card">
                <a href={sitePath(c, `/p/${p.id}/`)}>{p.name[locale]}</a>
                {p.description && <p class="muted">{p.description[locale]}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>,
    { title: t.homeTitle },
  );
}
