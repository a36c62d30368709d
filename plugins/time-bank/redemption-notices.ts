import { defineMessageKind, groupCode, queueMessage, type Tx } from '../../core/plugin-api.ts';

/**
 * A redemption ready for pick-up: the item and the code to show at a service
 * station. Sensitive: the code is what the station hands the item over for, so
 * no admin or operator reads it in the outbox.
 */

type RedemptionParams = { item: string; code: string };

export const redemptionReadyKind = defineMessageKind<RedemptionParams>({
  id: 'time-bank.redemption-ready',
  essential: true,
  sensitive: true,
  channels: ['email', 'sms'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? {
          subject: `【${city['zh-CN']}】兑换成功，可凭码领取：${p.item}`,
          text: [
            `您兑换的“${p.item}”现在可以领取了。`,
            `兑换码：${groupCode(p.code)}`,
            '请到服务站出示兑换码领取。兑换码只给领取人看，请勿转发。',
            '',
            `—— ${city['zh-CN']}时间银行`,
          ].join('\n'),
        }
      : {
          subject: `${city.en}: ready for pick-up: ${p.item}`,
          text: [
            `"${p.item}", which you redeemed, is ready for pick-up.`,
            `Code: ${groupCode(p.code)}`,
            'Show the code at a service station to collect it. Keep it to yourself: the station hands the item to whoever shows it.',
            '',
            `— ${city.en} time bank`,
          ].join('\n'),
        },
  sms: {
    template: 'time-bank.redemption-ready',
    params: (p) => ({ item: p.item.slice(0, 30), code: groupCode(p.code) }),
    text: (p, locale, city) =>
      locale === 'zh-CN'
        ? `【${city['zh-CN']}】您兑换的“${p.item}”可以领取了，兑换码 ${groupCode(p.code)}，请到服务站出示。`
        : `[${city.en}] "${p.item}" is ready for pick-up: show code ${groupCode(p.code)} at a service station.`,
  },
});

export async function queueRedemptionReady(tx: Tx, tenantId: string, memberId: string, redemption: { id: string; code: string; item: string }) {
  await queueMessage(tx, tenantId, redemptionReadyKind, { userId: memberId }, { item: redemption.item, code: redemption.code }, `time-bank:redemption-ready:${redemption.id}`);
}
