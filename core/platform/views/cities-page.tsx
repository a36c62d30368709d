import type { LocalizedText } from '../../db/schema/tenancy.ts';
import { formatDate } from '../../i18n/format.ts';
import { EmptyRow, Pagination } from '../../../views/components/pagination.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import type { CityRow } from '../cities.ts';
import { consoleMessages } from '../messages.ts';
import { ConsoleFrame } from './console-frame.tsx';

export type CitySummary = CityRow & { users: number; origin: string };
export type FoundationSummary = { id: string; name: string; email: string; sponsoredPlugins: string[]; cities: number };

/** An operator's home: every city with its state and size, and the foundations. */
export function CitiesPage(props: {
  cities: CitySummary[];
  page: number;
  total: number;
  foundations: FoundationSummary[];
  pluginNames: Record<string, LocalizedText>;
}) {
  const { locale } = usePage();
  const t = useMessages(consoleMessages);
  return (
    <ConsoleFrame>
      <h1>{t.citiesTitle}</h1>
      <p class="actions">
        <a class="button" href="/cities/new">{t.navOnboard}</a>
        <a class="button secondary" href="/foundations/new">{t.navNewFoundation}</a>
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t.colName}</th>
              <th>{t.colSlug}</th>
              <th>{t.colHosts}</th>
              <th>{t.colStatus}</th>
              <th>{t.colUsers}</th>
              <th>{t.colCreated}</th>
              <th>{t.colActions}</th>
            </tr>
          </thead>
          <tbody>
            {props.cities.length === 0 && <EmptyRow columns={7} />}
            {props.cities.map((city) => (
              <tr>
                <td><a href={`${city.origin}/`}>{city.names[locale]}</a></td>
                <td>{city.slug}</td>
                <td>{city.hosts.join(', ')}</td>
                <td>
                  <span class={city.status === 'active' ? 'badge' : 'badge off'}>
                    {city.status === 'active' ? t.statusActive : t.statusSuspended}
                  </span>
                </td>
                <td>{city.users}</td>
                <td>{formatDate(city.createdAt, locale)}</td>
                <td class="actions">
                  <form method="post" action={`/cities/${city.id}/${city.status === 'active' ? 'suspend' : 'resume'}`}>
                    <button type="submit" class={city.status === 'active' ? 'danger' : 'secondary'}>
                      {city.status === 'active' ? t.suspend : t.resume}
                    </button>
                  </form>
                  <a href={`/cities/${city.id}/invite`}>{t.inviteAdmin}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={props.page} total={props.total} href={(n) => `/?page=${n}`} />
      <h2>{t.foundationsTitle}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t.colName}</th>
              <th>{t.colEmail}</th>
              <th>{t.colSponsored}</th>
              <th>{t.colCities}</th>
            </tr>
          </thead>
          <tbody>
            {props.foundations.length === 0 && <EmptyRow columns={4} />}
            {props.foundations.map((f) => (
              <tr>
                <td>{f.name}</td>
                <td>{f.email}</td>
                <td>{f.sponsoredPlugins.map((id) => props.pluginNames[id]?.[locale] ?? id).join('、') || t.none}</td>
                <td>
                  {t.citiesCount(f.cities)} · <a href={`/foundations/${f.id}`}>{t.manageCities}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ConsoleFrame>
  );
}
