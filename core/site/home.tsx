import type { Context } from 'hono';
import { Duration } from '../../views/components/duration.tsx';
import { messagesFor, sitePath } from '../../views/context.ts';
import type { AppEnv } from '../http/env.ts';
import { cityAtAGlance } from '../volunteering/oversight/city-figures.ts';
import { ActivityList } from '../volunteering/projects/views/project-cards.tsx';
import { siteMessages } from './messages.ts';
import { offerToPageCache } from '../http/page-cache.ts';
import { sitePlugins } from '../plugins/site-plugins.ts';

/** A city's front page: who runs it, what is going on, what it offers, and the way in. */
export async function homePage(c: Context<AppEnv>) {
  const t = messagesFor(c, siteMessages);
  const { tenant, user, locale } = c.var;
  const plugins = sitePlugins(c);
  const modules = [...plugins.enabled.keys()].map((id) => plugins.registry.get(id)).filter((p) => p !== undefined);
  const city = await c.var.unit.run((tx) => cityAtAGlance(tx, tenant.id));
  offerToPageCache(c);
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
      <section class="card">
        <h2>{t.atAGlance}</h2>
        <dl class="facts">
          <dt>{t.volunteersRegistered}</dt>
          <dd><strong>{city.volunteers}</strong></dd>
          <dt>{t.hoursVerified}</dt>
          <dd><strong><Duration minutes={city.verifiedMinutes} /></strong></dd>
        </dl>
      </section>
      <section>
        <h2>{t.upcoming}</h2>
        {city.upcoming.length === 0 ? <p class="muted">{t.noUpcoming}</p> : <ActivityList activities={city.upcoming} />}
        <p class="actions">
          <a class="button secondary" href={sitePath(c, '/projects')}>{t.browseProjects}</a>
          <a href={sitePath(c, '/verify')}>{t.verifyCertificate}</a>
        </p>
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
