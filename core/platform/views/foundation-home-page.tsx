import type { LocalizedText } from '../../db/schema/tenancy.ts';
import { Pagination } from '../../../views/components/pagination.tsx';
import { Table } from '../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import { consoleMessages } from '../messages.ts';
import { ConsoleFrame } from './console-frame.tsx';

export type CityPlugins = { id: string; names: LocalizedText; origin: string; enabled: ReadonlySet<string> };

/** A foundation's home: for each city, whether each module it sponsors runs there, and a button to enable it. */
export function FoundationHomePage(props: {
  cities: CityPlugins[];
  plugins: { id: string; name: LocalizedText }[];
  page: number;
  total: number;
}) {
  const { locale } = usePage();
  const t = useMessages(consoleMessages);
  return (
    <ConsoleFrame>
      <h1>{t.foundationHomeTitle}</h1>
      {props.plugins.length === 0 ? (
        <p class="muted">{t.noSponsored}</p>
      ) : (
        <>
          <p class="muted">{t.foundationIntro}</p>
          <Table
            columns={[t.colName, ...props.plugins.map((p) => p.name[locale])]}
            rows={props.cities}
            cells={(city) => [
              <a href={`${city.origin}/`}>{city.names[locale]}</a>,
              ...props.plugins.map((p) =>
                city.enabled.has(p.id) ? (
                  <span class="badge">{t.pluginOn}</span>
                ) : (
                  <form method="post" action={`/cities/${city.id}/plugins/${p.id}/enable`}>
                    <span class="badge off">{t.pluginOff}</span>{' '}
                    <button type="submit" class="secondary">{t.enable(p.name[locale])}</button>
                  </form>
                ),
              ),
            ]}
          />
          <Pagination page={props.page} total={props.total} href={(n) => `/?page=${n}`} />
        </>
      )}
    </ConsoleFrame>
  );
}
