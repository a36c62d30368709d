import { defineJob } from '../../jobs/define-job.ts';
import { findTenantById } from '../../tenancy/service.ts';
import { completeArrival, findArrival, receiveHandOver } from './arrivals.ts';
import { completeDeparture, handOverOf } from './departures.ts';

/**
 * Transfers between cities move data through these jobs, each step one city's own
 * tenant transaction: no transaction ever sees two cities. Each step is safe to
 * repeat, so a retried job finishes what a failed one started.
 */
export const HAND_OVER_TRANSFER = 'volunteering.transfer-hand-over';
export const COMPLETE_TRANSFER = 'volunteering.transfer-complete';

/** Approved in the origin: the destination learns who may accept it (number, document hash, code hash). */
export const handOverTransferJob = defineJob<{ originTenantId: string; transferId: string }>({
  name: HAND_OVER_TRANSFER,
  async run({ originTenantId, transferId }, { db }) {
    const origin = await db.platform((tx) => findTenantById(tx, originTenantId));
    if (!origin) return;
    const found = await db.tenant(originTenantId, (tx) => handOverOf(tx, originTenantId, transferId));
    if (!found) return;
    await db.tenant(found.destinationTenantId, (tx) => receiveHandOver(tx, found.destinationTenantId, { id: origin.id, name: origin.names['zh-CN'] }, found.handOver));
  },
});

/** Accepted in the destination: the origin lets the history and hours go, then the destination posts them. */
export const completeTransferJob = defineJob<{ destinationTenantId: string; arrivalId: string }>({
  name: COMPLETE_TRANSFER,
  async run({ destinationTenantId, arrivalId }, { db }) {
    const arrival = await db.tenant(destinationTenantId, (tx) => findArrival(tx, destinationTenantId, arrivalId));
    if (!arrival || arrival.status !== 'accepted') return;
    const origin = await db.platform((tx) => findTenantById(tx, arrival.originTenantId));
    if (!origin) return;
    const city = { slug: origin.slug, name: origin.names['zh-CN'] };
    const departure = await db.tenant(origin.id, (tx) => completeDeparture(tx, origin.id, city, arrival.originTransferId));
    if (!departure) return;
    await db.tenant(destinationTenantId, (tx) => completeArrival(tx, destinationTenantId, arrivalId, departure));
  },
});
