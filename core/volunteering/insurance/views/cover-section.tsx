import { Table } from '../../../../views/components/table.tsx';
import { useMessages } from '../../../../views/context.ts';
import { insuranceMessages } from '../messages.ts';
import type { volunteerCover } from '../service.ts';

export type Cover = Awaited<ReturnType<typeof volunteerCover>>;

/** The policies that cover the volunteer, on their record page. */
export function CoverSection({ cover }: { cover: Cover }) {
  const t = useMessages(insuranceMessages);
  return (
    <section class="card" id="insurance">
      <h2>{t.myCover}</h2>
      {cover.length === 0 ? (
        <p class="muted">{t.noCover}</p>
      ) : (
        <Table columns={[t.insurer, t.policyNumber, t.period]} rows={cover} cells={(p) => [`${p.organisation} · ${p.insurer}`, p.policyNumber, `${p.startsOn} – ${p.endsOn}`]} />
      )}
    </section>
  );
}
