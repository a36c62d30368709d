import { raw } from 'hono/html';
import { formatDateTime, Money, useMessages, usePage } from '../../../core/plugin-api.ts';
import type { DonationDetail } from '../donations.ts';
import { fundMessages } from '../messages.ts';
import { usePluginPath } from './parts.tsx';

export type ReceiptProps = { detail: DonationDetail; cityName: string; logoText: string; disclosureUrl: string; backPath: string };

// Reveals the button only where it can work; without JavaScript the browser's own Print does the same.
const PRINT_SCRIPT = `(function(){var b=document.getElementById('print-receipt');if(!b)return;b.hidden=false;b.addEventListener('click',function(){window.print();});})();`;

/**
 * A numbered receipt for a confirmed donation, laid out like the service
 * certificate: the `.certificate` print rules of the theme print it alone on A4.
 */
export function ReceiptSheet({ detail, cityName, logoText, disclosureUrl, backPath }: ReceiptProps) {
  const t = useMessages(fundMessages);
  const { locale, nonce } = usePage();
  const p = usePluginPath();
  const d = detail.donation;
  return (
    <>
      <div class="certificate-tools">
        <p><a href={p(backPath)}>{t.backToGiving}</a></p>
        <p class="muted">{t.printHint}</p>
        <p><button type="button" id="print-receipt" class="secondary" hidden>{t.print}</button></p>
      </div>
      <article class="certificate card receipt">
        <header class="certificate-head">
          <p class="brand-line"><span class="logo-text">{logoText}</span> <strong>{cityName}</strong></p>
          <h1>{t.receiptTitle}</h1>
        </header>
        <p>{t.receiptNumber}: <strong class="code receipt-number">{d.receiptNumber}</strong></p>
        <p>{t.receiptBody(d.donorName, detail.fundName)}</p>
        <dl class="facts">
          <dt>{t.donor}</dt>
          <dd>{d.donorName}</dd>
          <dt>{t.amount}</dt>
          <dd><strong><Money fen={d.amountFen} /></strong></dd>
          <dt>{t.fund}</dt>
          <dd>{detail.fundName}</dd>
          {detail.projectTitle && (<><dt>{t.project}</dt><dd>{detail.projectTitle}</dd></>)}
          <dt>{t.channel}</dt>
          <dd>{d.channel === 'online' ? t.channelOnline : `${t.channelStation} · ${detail.stationName ?? ''}`}</dd>
          <dt>{t.receivedBy}</dt>
          <dd>{detail.hostCharity}</dd>
          <dt>{t.confirmedAt}</dt>
          <dd>{d.confirmedAt ? formatDateTime(d.confirmedAt, locale) : ''}</dd>
        </dl>
        <p class="muted">{t.checkAt} {disclosureUrl}</p>
        <p class="issuer">{detail.hostCharity} · {cityName}</p>
      </article>
      <script nonce={nonce}>{raw(PRINT_SCRIPT)}</script>
    </>
  );
}
