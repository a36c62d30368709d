import { raw } from 'hono/html';
import { maskName, Money, SelectField, useMessages, usePage } from '../../../core/plugin-api.ts';
import type { Donation, Visibility } from '../donations.ts';
import { fundMessages } from '../messages.ts';
import { workMessages } from '../work-messages.ts';

/** Pieces several charity-fund pages share. */

/** How the public sees a donor: 匿名, masked (黄*愿) or the full name, as the donor chose. */
export function publicDonor(name: string, visibility: Visibility, anonymous: string): string {
  if (visibility === 'anonymous') return anonymous;
  return visibility === 'named' ? name : maskName(name);
}

export function DonorName(props: { name: string; visibility: Visibility }) {
  const t = useMessages(fundMessages);
  return <>{publicDonor(props.name, props.visibility, t.anonymous)}</>;
}

/** Share of the target, to one decimal, with integer arithmetic only. */
export function percentOf(part: number, whole: number): string {
  const tenths = Math.floor((part * 1000) / whole);
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

// The plugin's few styles travel with its pages (under the page's CSP nonce) instead of living in the core theme.
const STYLE = `.fund-progress progress{width:100%;height:14px;accent-color:var(--brand)}.hash{word-break:break-all}.month-picker input{width:auto}`;

export function PluginStyle() {
  const { nonce } = usePage();
  return <style nonce={nonce}>{raw(STYLE)}</style>;
}

export function Progress(props: { raised: number; target: number }) {
  const t = useMessages(fundMessages);
  return (
    <div class="fund-progress">
      <progress max={props.target} value={Math.min(props.raised, props.target)} />
      <p>
        {t.raised} <strong><Money fen={props.raised} /></strong> / {t.targetShort} <Money fen={props.target} /> · {t.progress(percentOf(props.raised, props.target))}
      </p>
    </div>
  );
}

export function DonationStatus({ status }: { status: Donation['status'] }) {
  const t = useMessages(fundMessages);
  const label = { pending: t.statusPending, confirmed: t.statusConfirmed, cancelled: t.statusCancelled }[status];
  return <span class={status === 'confirmed' ? 'badge' : 'badge off'}>{label}</span>;
}

export function DecisionStatus({ status }: { status: 'submitted' | 'proposed' | 'approved' | 'rejected' }) {
  const t = useMessages(workMessages);
  const label = { submitted: t.statusSubmitted, proposed: t.statusProposed, approved: t.statusApproved, rejected: t.statusRejected }[status];
  return <span class={status === 'approved' ? 'badge' : 'badge off'}>{label}</span>;
}

export function VisibilityField(props: { value?: string; error?: string }) {
  const t = useMessages(fundMessages);
  const choices: [string, string][] = [['masked', t.visibilityMasked], ['named', t.visibilityNamed], ['anonymous', t.visibilityAnonymous]];
  return <SelectField name="visibility" label={t.visibility} choices={choices} value={props.value} error={props.error} />;
}

/** A link inside this plugin. */
export function usePluginPath() {
  const { path } = usePage();
  return (p: string) => path(`/p/charity-fund${p}`);
}
