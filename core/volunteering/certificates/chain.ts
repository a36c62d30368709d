import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { findAccount } from '../../ledger/accounts.ts';
import { ledgerTransfers } from '../../ledger/schema.ts';
import { serviceRecords } from '../records/schema.ts';
import { SERVICE_MINUTES, volunteerAccountCode } from '../records/verification.ts';
import type { ServiceCertificate } from './service.ts';

export type CertificateChainEntry = { startedAt: Date; minutes: number; seq: number };

/**
 * Where each record of a certificate was posted on the city's public ledger, and
 * the volunteer's account reference there, so its owner can check every amount.
 */
export async function certificateChain(tx: Tx, tenantId: string, certificate: ServiceCertificate): Promise<{ entries: CertificateChainEntry[]; accountRef: string | null }> {
  const account = await findAccount(tx, tenantId, SERVICE_MINUTES, volunteerAccountCode(certificate.volunteerUserId));
  if (certificate.recordIds.length === 0) return { entries: [], accountRef: account?.publicRef ?? null };
  const entries = await tx
    .select({ startedAt: serviceRecords.startedAt, minutes: serviceRecords.minutes, seq: ledgerTransfers.seq })
    .from(serviceRecords)
    .innerJoin(ledgerTransfers, and(eq(ledgerTransfers.tenantId, tenantId), eq(ledgerTransfers.id, serviceRecords.transferId)))
    .where(and(eq(serviceRecords.tenantId, tenantId), inArray(serviceRecords.id, certificate.recordIds)))
    .orderBy(asc(serviceRecords.startedAt), asc(ledgerTransfers.seq));
  return { entries, accountRef: account?.publicRef ?? null };
}
