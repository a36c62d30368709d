import type { LocalizedText } from '../../db/schema/tenancy.ts';
import { Field, FormErrorSummary } from '../../../views/components/field.tsx';
import { EmptyRow, Pagination } from '../../../views/components/pagination.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import type { CityRow } from '../cities.ts';
import { consoleMessages } from '../messages.ts';
import { ConsoleFrame } from './console-frame.tsx';

export type FoundationView = { id: string; name: string; email: string; sponsoredPlugins: string[] };

/** An operator names the cities a foundation sponsors: a foundation may enable its modules only there. */
export function FoundationPage(props: {
  foundation: FoundationView;
  pluginNames: Record<string, LocalizedText>;
  cities: (CityRow & { origin: string })[];
  page: number;
  total: number;
  slug: string;
  error?: string;
}) {
  const { locale } = usePage();
  const t = useMessages(consoleMessages);
  const f = props.foundation;
  return (
    <ConsoleFrame>
      <h1>{t.foundationTitle(f.name)}</h1>
      <p>
        {f.email} · {t.colSponsored}: {f.sponsoredPlugins.map((id) => props.pluginNames[id]?.[locale] ?? id).join('、') || t.none}
      </p>
      <h2>{t.colCities}</h2>
      <p class="muted">{t.sponsoredCitiesIntro}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t.colName}</th>
              <th>{t.colSlug}</th>
              <th>{t.colHosts}</th>
              <th>{t.colActions}</th>
            </tr>
          </thead>
          <tbody>
            {props.cities.length === 0 && <EmptyRow columns={4} />}
            {props.cities.map((city) => (
              <tr>
                <td><a href={`${city.origin}/`}>{city.names[locale]}</a></td>
                <td>{city.slug}</td>
                <td>{city.hosts.join(', ')}</td>
                <td class="actions">
                  <form method="post" action={`/foundations/${f.id}/cities/${city.id}/withdraw`}>
                    <button type="submit" class="secondary">{t.withdraw}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={props.page} total={props.total} href={(n) => `/foundations/${f.id}?page=${n}`} />
      <h2>{t.addCity}</h2>
      <FormErrorSummary show={props.error !== undefined} />
      <form method="post" action={`/foundations/${f.id}/cities`} class="stack">
        <Field name="slug" label={t.citySlug} value={props.slug} error={props.error} hint={t.citySlugHint} required autocomplete="off" />
        <button type="submit">{t.sponsor}</button>
      </form>
    </ConsoleFrame>
  );
}
