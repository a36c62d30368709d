import { raw } from 'hono/html';
import { useMessages } from '../../../core/plugin-api.ts';
import type { Batch, PrintedCard } from '../batches.ts';
import { printedNumber } from '../card-numbers.ts';
import { batchMessages } from '../messages.ts';
import { PluginPage } from './page-parts.tsx';
import { Day, usePluginPath } from './parts.tsx';

export type CardSheetProps = { batch: Batch; cards: PrintedCard[]; cityName: string; activateUrl: string; qrSvg: string };

/**
 * The one page that ever shows the activation codes: answered to the post that
 * made the batch, never stored, never linked. One box per card, ready to print.
 */
export function CardSheet({ batch, cards, cityName, activateUrl, qrSvg }: CardSheetProps) {
  const t = useMessages(batchMessages);
  const p = usePluginPath();
  return (
    <PluginPage>
      <div class="sheet-tools">
        <p><a href={p(`/batches/${batch.id}`)}>{t.back}</a></p>
        <h1>{t.sheetTitle}</h1>
        <p class="sheet-warning" role="alert">{t.sheetWarning}</p>
        <p class="muted">{t.printHint}</p>
      </div>
      <div class="card-sheet">
        {cards.map((card) => (
          <div class="card-cell">
            <div class="qr" aria-hidden="true">{raw(qrSvg)}</div>
            <div>
              <p><strong>{cityName} · {t.cardHeading}</strong></p>
              <p>{t.cardNumber}: <span class="code">{printedNumber(card.number)}</span></p>
              <p>{t.activationCode}: <span class="code">{card.code.match(/.{4}/g)!.join('-')}</span></p>
              <p class="muted"><Day value={batch.validFrom} /> – <Day value={batch.validUntil} /> · {t.donatedBy(batch.sponsor)}</p>
              <p class="muted">{t.activateAt}: {activateUrl}</p>
            </div>
          </div>
        ))}
      </div>
    </PluginPage>
  );
}
