/** A donation confirmed (posted to its fund): sent to the city's webhook endpoints that subscribe to it. */
export const DONATION_RECEIVED = 'charity-fund.donation.received';

export const charityFundWebhookEvents = {
  [DONATION_RECEIVED]: { 'zh-CN': '慈善基金收到捐赠', en: 'Charity fund donation received' },
};
