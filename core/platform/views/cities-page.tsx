import { Table } from '../../../views/components/table.tsx';
import type { LocalizedText } from '../../db/schema/tenancy.ts';
import { formatDate } from '../../i18n/format.ts';
import { Pagination } from '../../../views/components/pagination.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import type { CityRow } from '../cities.ts';
import { consoleMessages } from '../messages.ts';
import { outboxMessages } from '../../messages/messages.ts';
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
  const outbox = useMessages(outboxMessages);
  return (
    <ConsoleFrame>
      <h1>{t.citiesTitle}</h1>
      <p class="actions">
        <a class="button" href="/cities/new">{t.navOnboard}</a>
        <a class="button secondary" href="/foundations/new">{t.navNewFoundation}</a>
      </p>
      <Table
        columns={[t.colName, t.colSlug, t.colHosts, t.colStatus, t.colUsers, t.colCreated, { label: t.colActions, class: 'actions' }]}
        rows={props.cities}
        cells={(city) => [
          <a href={`${city.origin}/`}>{city.names[locale]}</a>,
          city.slug,
          city.hosts.join(', '),
          <span class={city.status === 'active' ? 'badge' : 'badge off'}>
            {city.status === 'active' ? t.statusActive : t.statusSuspended}
          </span>,
          city.users,
          formatDate(city.createdAt, locale),
          <>
            <form method="post" action={`/cities/${city.id}/${city.status === 'active' ? 'suspend' : 'resume'}`}>
              <button type="submit" class={city.status === 'active' ? 'danger' : 'secondary'}>
                {city.status === 'active' ? t.suspend : t.resume}
              </button>
            </form>
            <a href={`/cities/${city.id}/invite`}>{t.inviteAdmin}</a>{' '}
            <a href={`/cities/${city.id}/messages`}>{outbox.adminTitle}</a>
          </>,
        ]}
      />
      <Pagination page={props.page} total={props.total} href={(n) => `/?page=${n}`} />
      <h2>{t.foundationsTitle}</h2>
      <Table
        columns={[t.colName, t.colEmail, t.colSponsored, t.colCities]}
        rows={props.foundations}
        cells={(f) => [
          f.name,
          f.email,
          f.sponsoredPlugins.map((id) => props.pluginNames[id]?.[locale] ?? id).join('、') || t.none,
          <>
            {t.citiesCount(f.cities)} · <a href={`/foundations/${f.id}`}>{t.manageCities}</a>
          </>,
        ]}
      />
    </ConsoleFrame>
  );
}
