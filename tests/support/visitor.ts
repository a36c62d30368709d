import { TestClient } from './client.ts';

let next = 1;

/**
 * A TestClient that comes from its own network address (X-Forwarded-For, read
 * when the platform runs with TRUST_PROXY=1), so per-address sign-in limits of
 * one test do not spill into another.
 */
export class Visitor extends TestClient {
  readonly address: string;

  constructor(app: ConstructorParameters<typeof TestClient>[0], origin: string, address?: string) {
    super(app, origin);
    this.address = address ?? `198.51.${Math.floor(next / 250)}.${(next++ % 250) + 1}`;
  }

  override get(path: string, headers: Record<string, string> = {}) {
    return super.get(path, { 'x-forwarded-for': this.address, ...headers });
  }

  override post(path: string, form: Record<string, string | string[]> = {}, headers: Record<string, string> = {}) {
    return super.post(path, form, { 'x-forwarded-for': this.address, ...headers });
  }

  override postJson(path: string, json: unknown, headers: Record<string, string> = {}) {
    return super.postJson(path, json, { 'x-forwarded-for': this.address, ...headers });
  }

  /** Password sign-in; returns the response (a 303 on success). */
  signIn(login: string, password = 'password-123', next?: string) {
    return this.post('/sign-in', { login, password, ...(next ? { next } : {}) });
  }
}
