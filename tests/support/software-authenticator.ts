import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

type Credential = { id: string; rpId: string; userHandle: string; key: KeyObject; counter: number };

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

const sha256 = (data: Uint8Array | string) => new Uint8Array(createHash('sha256').update(data).digest());
const b64 = (bytes: Uint8Array) => isoBase64URL.fromBuffer(bytes as Parameters<typeof isoBase64URL.fromBuffer>[0]);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function uint32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

/**
 * A passkey authenticator in plain Node (ES256, attestation "none"), so the
 * server's ceremonies can be tested through app.request on both databases
 * without a browser. It answers exactly as a platform authenticator would.
 */
export class SoftwareAuthenticator {
  readonly credentials: Credential[] = [];

  /** `userVerified: false` is an authenticator that cannot verify the user (UV flag unset). */
  constructor(private readonly options: { userVerified?: boolean } = {}) {}

  private flags(): number {
    return UP | (this.options.userVerified === false ? 0 : UV);
  }

  /** What navigator.credentials.create() would return on `origin`. */
  create(options: PublicKeyCredentialCreationOptionsJSON, origin: string): RegistrationResponseJSON {
    const rpId = options.rp.id ?? new URL(origin).hostname;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, isoBase64URL.toBuffer(jwk.x!)],
        [-3, isoBase64URL.toBuffer(jwk.y!)],
      ]),
    );
    const rawId = new Uint8Array(randomBytes(32));
    const id = b64(rawId);
    const idLength = new Uint8Array([rawId.length >> 8, rawId.length & 0xff]);
    const authData = concat(sha256(rpId), new Uint8Array([this.flags() | AT]), uint32(0), new Uint8Array(16), idLength, rawId, cose);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', authData],
      ]),
    );
    const clientData = JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin, crossOrigin: false });
    this.credentials.push({ id, rpId, userHandle: options.user.id, key: privateKey, counter: 0 });
    return {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON: b64(new TextEncoder().encode(clientData)),
        attestationObject: b64(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /**
   * What navigator.credentials.get() would return on `origin`, using the first
   * credential for the options' rpId (or the given one, to play a misbehaving client).
   */
  get(options: PublicKeyCredentialRequestOptionsJSON, origin: string, credential?: Credential): AuthenticationResponseJSON {
    const rpId = options.rpId ?? new URL(origin).hostname;
    const cred = credential ?? this.credentials.find((c) => c.rpId === rpId);
    if (!cred) throw new Error(`no credential for ${rpId}`);
    cred.counter += 1;
    const authData = concat(sha256(cred.rpId), new Uint8Array([this.flags()]), uint32(cred.counter));
    const clientData = new TextEncoder().encode(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin, crossOrigin: false }));
    const signature = sign('sha256', concat(authData, sha256(clientData)), cred.key);
    return {
      id: cred.id,
      rawId: cred.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64(clientData),
        authenticatorData: b64(authData),
        signature: b64(new Uint8Array(signature)),
        userHandle: cred.userHandle,
      },
      clientExtensionResults: {},
    };
  }
}
