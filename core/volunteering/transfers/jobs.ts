import { defineJob } from '../../jobs/define-job.ts';
import { findTenantById } from '../../tenancy/service.ts';
import { cancelArrival, completeArrival, findArrival, receiveHandOver } from './arrivals.ts';
import { completeDeparture, findTransferOut, handOverOf } from './departures.ts';

/**
 * Transfers between cities move data through these jobs, each step one city's own
 * tenant transaction: no transaction ever sees two cities. Each step is safe to
 * repeat, so a retried job finishes what a failed one started.
 */
export const HAND_OVER_TRANSFER = 'volunteering.transfer-hand-over';
export const COMPLETE_TRANSFER = 'volunteering.transfer-complete';
export const WITHDRAW_TRANSFER = 'volunteering.transfer-withdraw';

/** Approved in the origin: the destination learns who may accept it (number, document hash, code hash) and until when. */
export const handOverTransferJob = defineJob<{ originTenantId: string; transferId: string }>({
  name: HAND_OVER_TRANSFER,
  async run({ originTenantId, transferId }, { db }) {
    const origin = await db.platform((tx) => findTenantById(tx, originTenantId));
    if (!origin) return;
    const found = await db.tenant(originTenantId, (tx) => handOverOf(tx, originTenantId, transferId));
    if (!found) return;
    await db.tenant(found.destinationTenantId, (tx) => receiveHandOver(tx, found.destinationTenantId, { id: origin.id, names: origin.names }, found.handOver));
  },
});

/** Withdrawn in the origin once approved: the destination refuses its code from now on. */
export const withdrawTransferJob = defineJob<{ originTenantId: string; transferId: string }>({
  name: WITHDRAW_TRANSFER,
  async run({ originTenantId, transferId }, { db }) {
    const transfer = await db.tenant(originTenantId, (tx) => findTransferOut(tx, originTenantId, transferId));
    if (!transfer || transfer.status !== 'withdrawn') return;
    await db.tenant(transfer.destinationTenantId, (tx) => cancelArrival(tx, transfer.destinationTenantId, { tenantId: originTenantId, transferId }));
  },
});

/**
 * Accepted in the destination: the origin lets the history and hours go, then the
 * destination posts them. Withdrawn or lapsed in the origin first, it is cancelled here.
 */
export const completeTransferJob = defineJob<{ destinationTenantId: string; arrivalId: string }>({
  name: COMPLETE_TRANSFER,
  async run({ destinationTenantId, arrivalId }, { db }) {
    const arrival = await db.tenant(destinationTenantId, (tx) => findArrival(tx, destinationTenantId, arrivalId));
    if (!arrival || arrival.status !== 'accepted') return;
    const origin = await db.platform((tx) => findTenantById(tx, arrival.originTenantId));
    if (!origin) return;
    const city = { slug: origin.slug, name: origin.names['zh-CN'] };
    const departure = await db.tenant(origin.id, (tx) => completeDeparture(tx, origin.id, city, arrival.originTransferId));
    const sent = { tenantId: origin.id, transferId: arrival.originTransferId };
    await db.tenant(destinationTenantId, (tx) => (departure ? completeArrival(tx, destinationTenantId, arrivalId, departure) : cancelArrival(tx, destinationTenantId, sent)));
  },
});
