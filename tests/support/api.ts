import { createApiKey } from '../../core/api/keys.ts';
import { scopesOf } from '../../core/api/plugin-resources.ts';
import { API_SCOPES } from '../../core/api/scopes.ts';
import { findUserByLogin } from '../../core/identity/users.ts';
import type { TestPlatform } from './platform.ts';

/** A live API key of the city, made by its admin through the service: the token as shown once. Every scope (the core's and the plugins') unless told. */
export async function apiKeyOf(p: TestPlatform, slug: string, scopes?: readonly string[], expiresAt = new Date(Date.now() + 30 * 86_400_000)): Promise<string> {
  const tenantId = p.cities[slug]!.id;
  scopes ??= Object.keys(scopesOf(API_SCOPES, p.registry.all()));
  return p.db.tenant(tenantId, async (tx) => {
    const admin = await findUserByLogin(tx, tenantId, `admin@${slug}.test`);
    return (await createApiKey(tx, tenantId, { name: 'test', scopes, expiresAt }, { userId: admin!.id, address: null })).token;
  });
}

/** A server-to-server client of one city's API: JSON in and out, the key on every request. */
export class ApiClient {
  constructor(
    private readonly p: Pick<TestPlatform, 'app'>,
    private readonly slug: string,
    private readonly token: string | null,
  ) {}

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(path, { method: 'GET', headers });
  }

  /** A write; `idempotencyKey` null sends none. */
  post(path: string, json: unknown, idempotencyKey: string | null = crypto.randomUUID(), headers: Record<string, string> = {}): Promise<Response> {
    const idem: Record<string, string> = idempotencyKey === null ? {} : { 'idempotency-key': idempotencyKey };
    return this.send(path, { method: 'POST', body: JSON.stringify(json), headers: { 'content-type': 'application/json', ...idem, ...headers } });
  }

  private send(path: string, init: RequestInit & { headers: Record<string, string> }): Promise<Response> {
    const auth: Record<string, string> = this.token ? { authorization: `Bearer ${this.token}` } : {};
    return Promise.resolve(this.p.app.request(`http://${this.slug}.localhost/api/v1${path}`, { ...init, headers: { ...auth, ...init.headers } }));
  }
}

const API_PREFIX = '/api/v1';

/**
 * An API client with the browser client's shape, for the attack suites that walk
 * every route of the site by its full path: forms and JSON both go as JSON, with the key.
 */
export function asSiteClient(api: ApiClient) {
  const strip = (path: string) => (path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) : path);
  return {
    get: (path: string) => api.get(strip(path)),
    post: (path: string, form: Record<string, string | string[]> = {}) => api.post(strip(path), form),
    postJson: (path: string, json: unknown) => api.post(strip(path), json),
  };
}

export const isApiRoute = (route: { path: string }) => route.path === API_PREFIX || route.path.startsWith(`${API_PREFIX}/`);
