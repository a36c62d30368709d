import { defineMessageKind, formatDateTime, formatFen, queueMessage, type Locale, type Tx } from '../../core/plugin-api.ts';

/**
 * A donation receipt for a donor with an account on the city's site: the
 * amount (fen, shown in yuan), the fund, the charity that received it, the
 * receipt number and the transfer's place in the city's ledger chain, which the
 * disclosure page's published hash covers. What the printable receipt shows.
 */

type ReceiptParams = { amountFen: number; fund: string; hostCharity: string; receiptNumber: string; ledgerSeq: number; confirmedAt: string };
const yuan = (p: ReceiptParams, locale: Locale) => formatFen(p.amountFen, locale);

export const donationReceiptKind = defineMessageKind<ReceiptParams>({
  id: 'charity-fund.donation-receipt',
  essential: true,
  sensitive: false,
  channels: ['email', 'sms'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? {
          subject: `【${city['zh-CN']}】捐赠收据 ${p.receiptNumber}`,
          text: [
            `感谢您向“${p.fund}”捐赠 ${yuan(p, locale)}，款项已由${p.hostCharity}收到（${formatDateTime(new Date(p.confirmedAt), locale)}）。`,
            `收据编号：${p.receiptNumber}`,
            `账本记录：本市账本第 ${p.ledgerSeq} 笔，可在基金的公开信息页核对。`,
            '',
            `—— ${p.hostCharity} · ${city['zh-CN']}`,
          ].join('\n'),
        }
      : {
          subject: `${city.en}: donation receipt ${p.receiptNumber}`,
          text: [
            `Thank you for giving ${yuan(p, locale)} to "${p.fund}"; ${p.hostCharity} received it on ${formatDateTime(new Date(p.confirmedAt), locale)}.`,
            `Receipt number: ${p.receiptNumber}`,
            `Ledger: transfer no. ${p.ledgerSeq} of the city's ledger, which you can check on the fund's disclosure page.`,
            '',
            `— ${p.hostCharity} · ${city.en}`,
          ].join('\n'),
        },
  sms: {
    template: 'charity-fund.donation-receipt',
    params: (p) => ({ amount: formatFen(p.amountFen, 'zh-CN'), fund: p.fund.slice(0, 30), receipt: p.receiptNumber }),
    text: (p, locale, city) =>
      locale === 'zh-CN'
        ? `【${city['zh-CN']}】感谢您向“${p.fund}”捐赠${yuan(p, locale)}，收据编号 ${p.receiptNumber}。`
        : `[${city.en}] Thank you for giving ${yuan(p, locale)} to "${p.fund}". Receipt no. ${p.receiptNumber}.`,
  },
});

/** The receipt of a confirmed donation, to its donor if they gave signed in (a station's cash donor has no account to write to). */
export async function queueDonationReceipt(
  tx: Tx,
  tenantId: string,
  donation: { id: string; donorUserId: string | null; amountFen: number; receiptNumber: string; confirmedAt: Date },
  fund: { name: string; hostCharity: string },
  ledgerSeq: number,
) {
  if (!donation.donorUserId) return;
  const params = { amountFen: donation.amountFen, fund: fund.name, hostCharity: fund.hostCharity, receiptNumber: donation.receiptNumber, ledgerSeq, confirmedAt: donation.confirmedAt.toISOString() };
  await queueMessage(tx, tenantId, donationReceiptKind, { userId: donation.donorUserId }, params, `charity-fund:donation-receipt:${donation.id}`);
}
