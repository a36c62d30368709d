import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/service.ts';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { constantTimeEqual, hashSecretHex, randomToken } from '../identity/tokens.ts';
import { apiKeys } from './schema.ts';

/**
 * API keys: `vck.<key id>.<secret>`. Only the secret's SHA-256 is stored (the
 * secret has 120 random bits, so a slow hash adds nothing); the whole key is
 * shown once, when it is made or rotated.
 */
export type ApiKey = typeof apiKeys.$inferSelect;
export type ApiKeyState = 'active' | 'expired' | 'revoked';
export type KeyActor = { userId: string; address: string | null };

const PREFIX = 'vck';
const tokenOf = (id: string, secret: string) => `${PREFIX}.${id}.${secret}`;
const encode = (text: string) => new TextEncoder().encode(text);

export function stateOf(key: Pick<ApiKey, 'expiresAt' | 'revokedAt'>, now = new Date()): ApiKeyState {
  if (key.revokedAt) return 'revoked';
  return key.expiresAt <= now ? 'expired' : 'active';
}

export type NewApiKey = { name: string; scopes: readonly string[]; expiresAt: Date };

export async function createApiKey(tx: Tx, tenantId: string, input: NewApiKey, actor: KeyActor): Promise<{ id: string; token: string }> {
  const id = newId();
  const secret = randomToken();
  await tx.insert(apiKeys).values({ tenantId, id, name: input.name, scopes: [...input.scopes], secretHash: hashSecretHex(secret), createdBy: actor.userId, expiresAt: input.expiresAt });
  await recordAudit(tx, tenantId, { actor: `user:${actor.userId}`, action: 'api_key.created', target: `api_key:${id}`, address: actor.address, detail: { scopes: [...input.scopes] } });
  return { id, token: tokenOf(id, secret) };
}

/** A new secret for a live key: the old one stops working at once. */
export async function rotateApiKey(tx: Tx, tenantId: string, id: string, actor: KeyActor, now = new Date()): Promise<{ token: string } | null> {
  const key = await findApiKey(tx, tenantId, id);
  if (!key || stateOf(key, now) !== 'active') return null;
  const secret = randomToken();
  await tx.update(apiKeys).set({ secretHash: hashSecretHex(secret), rotatedAt: now }).where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)));
  await recordAudit(tx, tenantId, { actor: `user:${actor.userId}`, action: 'api_key.rotated', target: `api_key:${id}`, address: actor.address });
  return { token: tokenOf(id, secret) };
}

export async function revokeApiKey(tx: Tx, tenantId: string, id: string, actor: KeyActor, now = new Date()): Promise<boolean> {
  const key = await findApiKey(tx, tenantId, id);
  if (!key || key.revokedAt) return false;
  await tx.update(apiKeys).set({ revokedAt: now, revokedBy: actor.userId }).where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)));
  await recordAudit(tx, tenantId, { actor: `user:${actor.userId}`, action: 'api_key.revoked', target: `api_key:${id}`, address: actor.address });
  return true;
}

export async function findApiKey(tx: Tx, tenantId: string, id: string): Promise<ApiKey | null> {
  const [row] = await tx.select().from(apiKeys).where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)));
  return row ?? null;
}

export async function listApiKeys(tx: Tx, tenantId: string): Promise<ApiKey[]> {
  return tx.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** The live key a presented token names in this city, or null (unknown, wrong secret, expired or revoked: alike). */
export async function authenticateApiKey(tx: Tx, tenantId: string, token: string, now = new Date()): Promise<ApiKey | null> {
  const [prefix, id, secret, ...rest] = token.split('.');
  if (prefix !== PREFIX || !secret || rest.length > 0 || !z.guid().safeParse(id).success) return null;
  const key = await findApiKey(tx, tenantId, id!.toLowerCase());
  if (!key || !constantTimeEqual(encode(hashSecretHex(secret)), encode(key.secretHash))) return null;
  return stateOf(key, now) === 'active' ? key : null;
}
