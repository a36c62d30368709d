import { Table, useMessages, VerticalBarChart } from '../../../core/plugin-api.ts';
import { type Dashboard, DUE_WITHIN_DAYS, type GroupCounts, SMALL_COUNT } from '../dashboard.ts';
import { childMessages } from '../messages.ts';

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part * 100) / whole)}%`);

/** The timeliness dashboard: counts by township and risk level, small groups suppressed, and the monthly trend. */
export function DashboardPage(props: Dashboard) {
  const t = useMessages(childMessages);
  const hidden = t.suppressed(SMALL_COUNT);
  const cells = (c: GroupCounts | null) =>
    c
      ? [String(c.covered), String(c.due), String(c.overdue), String(c.visits), percent(c.onTime, c.visits), String(c.escalations), String(c.pairings), String(c.wishesFulfilled)]
      : Array<string>(8).fill(hidden);
  const columns = [t.district, t.risk, t.covered, t.dueSoon(DUE_WITHIN_DAYS), t.overdueNow, t.visitsDone, t.onTimeRate, t.escalations, t.pairingsNow, t.wishesDone];
  const rows = [...props.groups.map((g) => ({ id: `${g.district}-${g.risk}`, label: [g.district, t.risks(g.risk)], counts: g.counts })), { id: 'total', label: [t.total, ''], counts: props.total }];
  const shownMonths = props.months.filter((m) => m.visits !== null && m.onTime !== null);
  return (
    <>
      <h1>{t.dashboardTitle}</h1>
      <p class="muted">{t.dashboardIntro(props.since)}</p>
      <p class="muted" id="suppression-note">{t.suppressionNote(SMALL_COUNT)}</p>
      <Table id="timeliness" columns={columns} rows={rows} rowId={(r) => `group-${r.id}`} emptyText={t.noChildren} cells={(r) => [...r.label, ...cells(r.counts)]} />
      {props.chain && (
        <p id="chain-check" class={props.chain.state === 'agrees' ? 'muted' : 'flash flash-error'}>
          {props.chain.state === 'agrees' ? t.chainAgrees : props.chain.state === 'differs' ? t.chainDiffers : t.chainBroken(props.chain.at, props.chain.chain)}
        </p>
      )}
      <h2>{t.trendTitle}</h2>
      <VerticalBarChart
        id="on-time-by-month"
        title={t.trendTitle}
        empty={t.noVisitsYet}
        bars={shownMonths.map((m) => ({ label: m.month.slice(5), sublabel: m.month.slice(0, 4), value: m.visits ? Math.round((m.onTime! * 100) / m.visits) : 0, valueLabel: percent(m.onTime!, m.visits!) }))}
      />
      <Table
        id="months"
        columns={[t.month, t.visitsDone, t.onTimeRate]}
        rows={props.months}
        cells={(m) => [m.month, m.visits === null ? hidden : String(m.visits), m.visits === null ? hidden : m.onTime === null ? '—' : percent(m.onTime, m.visits)]}
      />
    </>
  );
}
