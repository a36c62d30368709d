import type { LocalizedText } from '../../db/schema/tenancy.ts';
import { Pagination } from '../../../views/components/pagination.tsx';
import { Table } from '../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import type { CityRow } from '../cities.ts';
import { consoleMessages } from '../messages.ts';
import { ConsoleFrame } from './console-frame.tsx';

/** A module in one city: on, off, or switched off by the city's administrators (then only they turn it on). */
export type PluginState = 'on' | 'off' | 'off-by-city';

export type CityPlugins = CityRow & { origin: string; states: ReadonlyMap<string, PluginState> };

/**
 * A foundation's home: for each city it sponsors (slug and hosts beside the name, as
 * two cities may share one), whether each of its modules runs there, and a button to enable it.
 */
export function FoundationHomePage(props: {
  cities: CityPlugins[];
  plugins: { id: string; name: LocalizedText }[];
  page: number;
  total: number;
}) {
  const { locale } = usePage();
  const t = useMessages(consoleMessages);
  const empty = props.plugins.length === 0 ? t.noSponsored : props.total === 0 ? t.noSponsoredCities : null;
  return (
    <ConsoleFrame>
      <h1>{t.foundationHomeTitle}</h1>
      {empty ? (
        <p class="muted">{empty}</p>
      ) : (
        <>
          <p class="muted">{t.foundationIntro}</p>
          <Table
            columns={[t.colName, t.colSlug, t.colHosts, ...props.plugins.map((p) => p.name[locale])]}
            rows={props.cities}
            cells={(city) => [
              <a href={`${city.origin}/`}>{city.names[locale]}</a>,
              city.slug,
              [new URL(city.origin).host, ...city.hosts].join(', '),
              ...props.plugins.map((p) => {
                const state = city.states.get(p.id) ?? 'off';
                if (state === 'on') return <span class="badge">{t.pluginOn}</span>;
                if (state === 'off-by-city') return <span class="badge off">{t.pluginOffByCity}</span>;
                return (
                  <form method="post" action={`/cities/${city.id}/plugins/${p.id}/enable`}>
                    <span class="badge off">{t.pluginOff}</span>{' '}
                    <button type="submit" class="secondary">{t.enable(p.name[locale])}</button>
                  </form>
                );
              }),
            ]}
          />
          <Pagination page={props.page} total={props.total} href={(n) => `/?page=${n}`} />
        </>
      )}
    </ConsoleFrame>
  );
}
