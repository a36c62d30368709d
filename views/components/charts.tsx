
/**
 * Bar charts drawn on the server as SVG: no script, no library. The viewBox
 * lets a chart shrink to a phone's width; colours come from the city's CSS
 * variables; every bar carries its label and value as text, and the whole chart
 * is one image with a title and a description for screen readers.
 */
export type Bar = {
  label: string;
  value: number;
  /** The value as the reader should read it, e.g. `12.50`. */
  valueLabel: string;
  /** A second, smaller line under the label (e.g. the year under January). */
  sublabel?: string;
  /** What the bar means in full, for its tooltip. */
  description?: string;
};

type ChartProps = { id: string; title: string; bars: readonly Bar[]; /** Shown instead of a chart of nothing. */ empty: string };

const WIDTH = 360;
const FONT = 12;

/** Roughly how wide text is drawn: CJK characters a full em, others about 0.6. */
function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.6;
  return em * size;
}

/** Squeezes text that would overflow its room instead of letting it run into its neighbour. */
const fit = (text: string, size: number, room: number) => (textWidth(text, size) > room ? { textLength: room, lengthAdjust: 'spacingAndGlyphs' } : {});

const isEmpty = (bars: readonly Bar[]) => bars.length === 0 || bars.every((b) => b.value <= 0);

function Frame(props: ChartProps & { height: number; children: unknown }) {
  const summary = props.bars.map((b) => `${b.description ?? b.label}: ${b.valueLabel}`).join('; ');
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
        viewBox={`0 0 ${WIDTH} ${props.height}`}
        width="100%"
        font-size={FONT}
        font-family="inherit"
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{summary}</desc>
        {props.children}
      </svg>
    </figure>
  );
}

/** Bars standing side by side, e.g. hours per month; labels underneath, values on top. */
export function VerticalBarChart(props: ChartProps) {
  if (isEmpty(props.bars)) return <p class="muted">{props.empty}</p>;
  const top = 18;
  const plot = 150;
  const height = top + plot + 34;
  const slot = WIDTH / props.bars.length;
  const max = Math.max(...props.bars.map((b) => b.value));
  return (
    <Frame {...props} height={height}>
      <line x1={0} x2={WIDTH} y1={top + plot} y2={top + plot} stroke="var(--line, #d9dee3)" />
      {props.bars.map((b, i) => {
        const h = b.value > 0 ? Math.max(1, (b.value / max) * plot) : 0;
        const x = i * slot + slot * 0.15;
        const mid = i * slot + slot / 2;
        return (
          <g>
            <title>{`${b.description ?? b.label}: ${b.valueLabel}`}</title>
            <rect x={x.toFixed(1)} y={(top + plot - h).toFixed(1)} width={(slot * 0.7).toFixed(1)} height={h.toFixed(1)} rx={2} fill="var(--brand, #1f5f8b)" />
            <text x={mid.toFixed(1)} y={(top + plot - h - 4).toFixed(1)} text-anchor="middle" font-size={FONT - 1} fill="var(--ink, #1d2329)" {...fit(b.valueLabel, FONT - 1, slot - 2)}>
              {b.valueLabel}
            </text>
            <text x={mid.toFixed(1)} y={top + plot + 15} text-anchor="middle" fill="var(--muted, #5b6670)" {...fit(b.label, FONT, slot - 2)}>
              {b.label}
            </text>
            {b.sublabel && (
              <text x={mid.toFixed(1)} y={top + plot + 29} text-anchor="middle" font-size={FONT - 2} fill="var(--muted, #5b6670)" {...fit(b.sublabel, FONT - 2, slot - 2)}>
                {b.sublabel}
              </text>
            )}
          </g>
        );
      })}
    </Frame>
  );
}

/** One row a bar, e.g. hours per category: the label on the left, the value after the bar. */
export function HorizontalBarChart(props: ChartProps) {
  if (isEmpty(props.bars)) return <p class="muted">{props.empty}</p>;
  const row = 28;
  const labelRoom = 110;
  const valueRoom = 56;
  const plot = WIDTH - labelRoom - valueRoom;
  const max = Math.max(...props.bars.map((b) => b.value));
  return (
    <Frame {...props} height={props.bars.length * row + 4}>
      {props.bars.map((b, i) => {
        const w = b.value > 0 ? Math.max(1, (b.value / max) * plot) : 0;
        const y = i * row + 4;
        const baseline = (y + row / 2 + FONT / 2 - 2).toFixed(1);
        return (
          <g>
            <title>{`${b.description ?? b.label}: ${b.valueLabel}`}</title>
            <text x={labelRoom - 6} y={baseline} text-anchor="end" fill="var(--ink, #1d2329)" {...fit(b.label, FONT, labelRoom - 8)}>
              {b.label}
            </text>
            <rect x={labelRoom} y={y + 4} width={w.toFixed(1)} height={row - 10} rx={2} fill="var(--brand, #1f5f8b)" />
            <text x={(labelRoom + w + 4).toFixed(1)} y={baseline} fill="var(--ink, #1d2329)" {...fit(b.valueLabel, FONT, valueRoom - 6)}>
              {b.valueLabel}
            </text>
          </g>
        );
      })}
    </Frame>
  );
}
