import { createSession } from '../../core/identity/sessions.ts';
import { findUserByLogin } from '../../core/identity/users.ts';
import type { TestClient } from './client.ts';
import type { TestPlatform } from './platform.ts';

/**
 * Signs `client` in as the user with this email in city `slug` by creating a
 * session directly (no password hashing, so it is fast); returns the user.
 */
export async function signInAs(p: TestPlatform, client: TestClient, slug: string, email: string) {
  const tenant = p.cities[slug];
  if (!tenant) throw new Error(`no test city ${slug}`);
  const { user, token } = await p.db.tenant(tenant.id, async (tx) => {
    const user = await findUserByLogin(tx, tenant.id, email);
    if (!user) throw new Error(`no user ${email} in ${slug}`);
    const { token } = await createSession(tx, tenant.id, user.id, {});
    return { user, token };
  });
  client.setCookie('session', token);
  return user;
}
