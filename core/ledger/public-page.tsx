import { Duration } from '../../views/components/duration.tsx';
import { Field } from '../../views/components/field.tsx';
import { Money } from '../../views/components/money.tsx';
import { Table } from '../../views/components/table.tsx';
import { useMessages, usePage } from '../../views/context.ts';
import type { PublicTransfer } from '../../views/ledger-chain.js';
import { LEDGER_CHECK_SCRIPT_PATH } from '../../views/static.ts';
import { formatDateTime } from '../i18n/format.ts';
import type { DailyHead } from './public-chain.ts';
import { ledgerPathAt, ledgerPathOfAccount } from './public-links.ts';
import { publicLedgerMessages } from './public-messages.ts';
import type { LocalizedText } from '../db/schema/tenancy.ts';

export type PublicLedgerProps = {
  transfers: PublicTransfer[];
  /** The transfer a link pointed at, marked in the list. */
  at: number | null;
  /** What the list is filtered to: one account (by reference), or transfers by number. */
  account: string | null;
  numbered: boolean;
  lastSeq: number;
  earlier: number | null;
  later: number | null;
  heads: DailyHead[];
  /** What plugins call their units (`ledgerUnitLabels`), by unit code. */
  unitLabels?: Readonly<Record<string, LocalizedText>>;
};

/** An amount in its unit: minutes as a duration, fen as money, time credits counted, a plugin's unit by its label. */
function LedgerAmount({ unit, amount, labels }: { unit: string; amount: number; labels?: Readonly<Record<string, LocalizedText>> }) {
  const t = useMessages(publicLedgerMessages);
  const { locale } = usePage();
  if (unit === 'SERVICE_MINUTE') return <Duration minutes={amount} />;
  if (unit === 'CNY_FEN') return <Money fen={amount} />;
  if (unit === 'TIME_CREDIT') return <span>{t.credits(amount)}</span>;
  const label = labels?.[unit];
  return <span>{label ? `${amount} ${label[locale]}` : `${amount} ${unit}`}</span>;
}

/** A link to one transfer on the city's public ledger page: how certificates, statements and reports point into the chain. */
export function ChainLink({ seq }: { seq: number }) {
  const t = useMessages(publicLedgerMessages);
  const { path } = usePage();
  return <a class="chain-link" href={path(ledgerPathAt(seq))}>{t.inChain(seq)}</a>;
}

/** Where a citizen's own account reference is shown, with what it is for. */
export function YourAccountRef({ refs }: { refs: string[] }) {
  const t = useMessages(publicLedgerMessages);
  const { path } = usePage();
  if (refs.length === 0) return null;
  return (
    <p class="muted">
      {t.yourAccount}:{' '}
      {refs.map((ref) => (
        <>
          <a href={path(ledgerPathOfAccount(ref))}><code>{ref}</code></a>{' '}
        </>
      ))}
      · {t.yourAccountNote}
    </p>
  );
}

function AccountCell({ side }: { side: PublicTransfer['debit'] }) {
  const { path } = usePage();
  return (
    <span>
      {side.kind} · <a href={path(ledgerPathOfAccount(side.ref))}><code>{side.ref}</code></a>
    </span>
  );
}

function CheckForm({ lastSeq }: { lastSeq: number }) {
  const t = useMessages(publicLedgerMessages);
  const { path, nonce } = usePage();
  const words = {
    'data-checking': t.checking,
    'data-verified': t.verified,
    'data-recomputed': t.recomputed,
    'data-linked-only': t.linkedOnly,
    'data-head-matched': t.headMatched,
    'data-problem-missing': t.problemMissing,
    'data-problem-link': t.problemLink,
    'data-problem-hash': t.problemHash,
    'data-problem-head': t.problemHead,
    'data-failed': t.checkFailed,
  };
  return (
    <section class="card">
      <h2>{t.checkHeading}</h2>
      <noscript><p>{t.noScript}</p></noscript>
      <form id="ledger-check" class="stack" hidden data-api={path('/api/v1/ledger/public/transfers')} data-total={String(lastSeq)} {...words}>
        <fieldset>
          <legend>{t.keptHeading}</legend>
          <Field name="seq" label={t.keptSeq} type="number" min={0} inputmode="numeric" />
          <Field name="hash" label={t.keptHash} maxlength={64} autocomplete="off" />
        </fieldset>
        <div><button type="submit">{t.checkButton}</button></div>
        <progress id="ledger-check-progress" hidden max={1}></progress>
        <p id="ledger-check-status" role="status" aria-live="polite"></p>
      </form>
      <script type="module" src={LEDGER_CHECK_SCRIPT_PATH} nonce={nonce}></script>
    </section>
  );
}

export function PublicLedgerPage(props: PublicLedgerProps) {
  const t = useMessages(publicLedgerMessages);
  const { path, locale } = usePage();
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p class="muted">{t.howTo} <a href={path('/api/v1/ledger/public/transfers')}>{t.api}</a></p>
      <CheckForm lastSeq={props.lastSeq} />
      <h2>{props.account ? t.accountHeading(props.account) : props.numbered ? t.numberedHeading : t.transfersHeading}</h2>
      {(props.account || props.numbered) && <p><a href={path('/ledger')}>{t.allTransfers}</a></p>}
      <Table
        columns={[t.seq, t.time, t.amount, t.kind, t.from, t.to, t.hash]}
        rows={props.transfers}
        emptyText={t.noTransfers}
        rowId={(r) => `t-${r.seq}`}
        cells={(r) => [
          props.at === r.seq ? <strong aria-current="true">{r.seq}</strong> : r.seq,
          formatDateTime(new Date(r.postedAt), locale),
          <LedgerAmount unit={r.unit} amount={r.amount} labels={props.unitLabels} />,
          r.reversesSeq === null ? r.kind : `${r.kind} (${t.reverses(r.reversesSeq)})`,
          <AccountCell side={r.debit} />,
          <AccountCell side={r.credit} />,
          <code title={r.hash}>{r.hash.slice(0, 16)}…</code>,
        ]}
      />
      <p>
        {props.earlier !== null && <a href={path(`/ledger?from=${props.earlier}`)}>{t.earlier}</a>}{' '}
        {props.later !== null && <a href={path(`/ledger?from=${props.later}`)}>{t.later}</a>}
      </p>
      <h2>{t.headsHeading}</h2>
      <p class="muted">{t.headsIntro}</p>
      <Table
        columns={[t.day, t.seq, t.hash]}
        rows={props.heads}
        emptyText={t.noHeads}
        cells={(h) => [h.day, h.seq, <code class="hash">{h.hash}</code>]}
      />
    </>
  );
}
