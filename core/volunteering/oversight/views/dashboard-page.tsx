import { Table } from '../../../../views/components/table.tsx';
import { HorizontalBarChart, VerticalBarChart, type Bar } from '../../../../views/components/charts.tsx';
import { Duration } from '../../../../views/components/duration.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { minutesAsHours } from '../../../i18n/format.ts';
import { PROJECT_CATEGORIES } from '../../shared/catalogue.ts';
import { ACTIVE_DAYS, TOP_ORGANISATIONS, type CityDashboard } from '../dashboard.ts';
import { dashboardMessages } from '../dashboard-messages.ts';

/** One headline figure: its label, the value, and what it counts when that needs saying. */
function Figure(props: { label: string; hint?: string; children: unknown }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>
        <strong>{props.children}</strong>
        {props.hint && <small class="muted"> · {props.hint}</small>}
      </dd>
    </>
  );
}

/** The city's volunteer service at a glance: counts, hours this and last month, and where the hours went. */
export function DashboardPage({ figures: f, canExport }: { figures: CityDashboard; canExport: boolean }) {
  const t = useMessages(dashboardMessages);
  const { locale, path } = usePage();
  const months: Bar[] = f.byMonth.map((m, i) => ({
    label: t.monthShort(m.month),
    sublabel: i === 0 || m.month === 1 ? t.year(m.year) : undefined,
    description: t.month(m.year, m.month),
    value: m.minutes,
    valueLabel: minutesAsHours(m.minutes),
  }));
  const categories: Bar[] = f.byCategory.map((c) => ({
    label: PROJECT_CATEGORIES[c.category]?.[locale] ?? c.category,
    value: c.minutes,
    valueLabel: minutesAsHours(c.minutes),
  }));
  const districts: Bar[] = f.byDistrict.map((d) => ({ label: d.district, value: d.minutes, valueLabel: minutesAsHours(d.minutes) }));
  return (
    <>
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      {canExport && <p><a href={path('/admin/export')}>{t.exportLink}</a></p>}
      <section class="card">
        <dl class="facts">
          <Figure label={t.volunteers}>{t.people(f.volunteers)}</Figure>
          <Figure label={t.activeVolunteers} hint={t.activeHint(ACTIVE_DAYS)}>{t.people(f.activeVolunteers)}</Figure>
          <Figure label={t.thisMonth}><Duration minutes={f.thisMonthMinutes} /></Figure>
          <Figure label={t.lastMonth}><Duration minutes={f.lastMonthMinutes} /></Figure>
        </dl>
      </section>
      <section class="card">
        <h2>{t.byMonth}</h2>
        <VerticalBarChart id="chart-months" title={t.byMonth} bars={months} empty={t.noHours} />
      </section>
      <section class="card">
        <h2>{t.byCategory}</h2>
        <HorizontalBarChart id="chart-categories" title={t.byCategory} bars={categories} empty={t.noHours} />
      </section>
      <section class="card">
        <h2>{t.byDistrict}</h2>
        <HorizontalBarChart id="chart-districts" title={t.byDistrict} bars={districts} empty={t.noHours} />
      </section>
      <h2>{t.topOrganisations(TOP_ORGANISATIONS)}</h2>
      <Table
        id="top-organisations"
        columns={[t.rank, t.organisation, t.hours, t.volunteersColumn]}
        rows={f.topOrganisations}
        cells={(o, i) => [
          i + 1,
          <a href={path(`/organisations/${o.id}`)}>{o.name}</a>,
          <Duration minutes={o.minutes} />,
          t.people(o.volunteers),
        ]}
      />
    </>
  );
}
