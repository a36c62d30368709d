import { Pagination } from '../../../views/components/pagination.tsx';
import { Table } from '../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import type { CitySection, FoundationReportCell } from '../../plugins/foundation-report.ts';
import type { Tenant } from '../../tenancy/tenant.ts';
import { reportMessages } from '../report-messages.ts';
import { ConsoleFrame } from './console-frame.tsx';

export type CityReport = { city: Tenant; origin: string; sections: CitySection[] };

function Cell({ cell, origin }: { cell: FoundationReportCell; origin: string }) {
  return typeof cell === 'object' ? <a href={`${origin}${cell.path}`}>{cell.text}</a> : String(cell);
}

/** Each sponsored city (slug beside the name, as two cities may share one) with its modules' figures. */
export function FoundationReportPage(props: { cities: CityReport[]; page: number; total: number }) {
  const { locale } = usePage();
  const t = useMessages(reportMessages);
  return (
    <ConsoleFrame>
      <h1>{t.title}</h1>
      {props.total === 0 ? (
        <p class="muted">{t.noCities}</p>
      ) : (
        <>
          <p class="muted">{t.intro}</p>
          {props.cities.map(({ city, origin, sections }) => (
            <section class="card" aria-label={city.names[locale]}>
              <h2>
                <a href={`${origin}/`}>{city.names[locale]}</a> <span class="muted">{city.slug}</span>
              </h2>
              {sections.length === 0 && <p class="muted">{t.noSections}</p>}
              {sections.map(({ pluginId, name, section }) => (
                <>
                  <h3>{name[locale]}</h3>
                  <Table
                    id={`report-${city.slug}-${pluginId}`}
                    columns={section.columns}
                    rows={section.rows}
                    emptyText={section.emptyText}
                    cells={(row) => row.map((cell) => <Cell cell={cell} origin={origin} />)}
                  />
                  {section.note && <p>{section.note}</p>}
                </>
              ))}
            </section>
          ))}
          <Pagination page={props.page} total={props.total} href={(n) => `/report?page=${n}`} />
        </>
      )}
    </ConsoleFrame>
  );
}
