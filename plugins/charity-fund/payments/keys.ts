import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { CityWork } from '../../../core/plugin-api.ts';
import { charityGatewayKeys } from '../schema.ts';

/**
 * The city's secret for a provider: 32 random bytes made on first use and never
 * shown. For a real gateway this is where the key agreed with it would be kept.
 */
export async function providerSecret(w: CityWork, provider: string): Promise<string> {
  const { tx, tenantId } = w;
  await tx.insert(charityGatewayKeys).values({ tenantId, provider, secret: randomBytes(32).toString('hex') }).onConflictDoNothing();
  const [row] = await tx.select().from(charityGatewayKeys).where(and(eq(charityGatewayKeys.tenantId, tenantId), eq(charityGatewayKeys.provider, provider)));
  return row!.secret;
}
