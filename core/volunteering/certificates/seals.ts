import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import { organisationSeals } from './schema.ts';

/**
 * Organisations' seal images. The type is read from the bytes (file-type), never
 * from the file name or the browser's claim, and only raster images are taken:
 * an SVG can carry script, so it is refused whatever it calls itself.
 */
export const SEAL_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type SealType = (typeof SEAL_TYPES)[number];
export const MAX_SEAL_BYTES = 200 * 1024;

export type SealProblem = 'missing' | 'tooLarge' | 'notAnImage';
export type CheckedSeal = { ok: true; contentType: SealType; bytes: Uint8Array } | { ok: false; problem: SealProblem };

const isSealType = (mime: string): mime is SealType => (SEAL_TYPES as readonly string[]).includes(mime);

/** What was uploaded in the form's file field, checked: present, small enough, a PNG, JPEG or WebP image. */
export async function checkSeal(upload: unknown): Promise<CheckedSeal> {
  if (!(upload instanceof File) || upload.size === 0) return { ok: false, problem: 'missing' };
  if (upload.size > MAX_SEAL_BYTES) return { ok: false, problem: 'tooLarge' };
  const bytes = new Uint8Array(await upload.arrayBuffer());
  // Loaded at the first upload, not at every start (40 ms CPU).
  const { fileTypeFromBuffer } = await import('file-type');
  const sniffed = await fileTypeFromBuffer(bytes);
  if (!sniffed || !isSealType(sniffed.mime)) return { ok: false, problem: 'notAnImage' };
  return { ok: true, contentType: sniffed.mime, bytes };
}

export type Seal = { digest: string; contentType: string; image: Uint8Array; uploadedAt: Date };

/** Stores the image as the organisation's current seal (uploading the same image again makes it current again). */
export async function saveSeal(tx: Tx, tenantId: string, organisationId: string, seal: { contentType: SealType; bytes: Uint8Array }, by: { id: string; address: string | null }) {
  const digest = createHash('sha256').update(seal.bytes).digest('hex');
  const uploadedAt = new Date();
  await tx
    .insert(organisationSeals)
    .values({ tenantId, organisationId, digest, contentType: seal.contentType, image: seal.bytes, uploadedBy: by.id, uploadedAt })
    .onConflictDoUpdate({ target: [organisationSeals.tenantId, organisationSeals.organisationId, organisationSeals.digest], set: { uploadedAt, uploadedBy: by.id } });
  await recordAudit(tx, tenantId, { actor: `user:${by.id}`, action: 'organisation.seal_uploaded', target: `organisation:${organisationId}`, address: by.address, detail: { digest, contentType: seal.contentType, bytes: seal.bytes.length } });
  return digest;
}

const sealColumns = { digest: organisationSeals.digest, contentType: organisationSeals.contentType, image: organisationSeals.image, uploadedAt: organisationSeals.uploadedAt };

/** The organisation's newest seal, or null when it has uploaded none. */
export async function currentSeal(tx: Tx, tenantId: string, organisationId: string): Promise<Seal | null> {
  const [row] = await tx
    .select(sealColumns)
    .from(organisationSeals)
    .where(and(eq(organisationSeals.tenantId, tenantId), eq(organisationSeals.organisationId, organisationId)))
    .orderBy(desc(organisationSeals.uploadedAt))
    .limit(1);
  return row ?? null;
}

/** The digest of the organisation's current seal, without reading the image. */
export async function currentSealDigest(tx: Tx, tenantId: string, organisationId: string): Promise<string | null> {
  const [row] = await tx
    .select({ digest: organisationSeals.digest })
    .from(organisationSeals)
    .where(and(eq(organisationSeals.tenantId, tenantId), eq(organisationSeals.organisationId, organisationId)))
    .orderBy(desc(organisationSeals.uploadedAt))
    .limit(1);
  return row?.digest ?? null;
}

export async function findSeal(tx: Tx, tenantId: string, organisationId: string, digest: string): Promise<Seal | null> {
  const [row] = await tx
    .select(sealColumns)
    .from(organisationSeals)
    .where(and(eq(organisationSeals.tenantId, tenantId), eq(organisationSeals.organisationId, organisationId), eq(organisationSeals.digest, digest)));
  return row ?? null;
}
