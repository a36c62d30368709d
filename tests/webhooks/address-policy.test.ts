import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressAllowed, addressPolicy, urlProblem } from '../../core/webhooks/address-policy.ts';
import { postEvent } from '../../core/webhooks/send.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';

/**
 * Where webhooks may go: the production rules (HTTPS, public addresses only), which the
 * admin pages of a test installation relax for this machine only. A name is judged by
 * what it resolves to at each attempt, on the connection itself.
 */
const production = addressPolicy({ NODE_ENV: 'production' });
const development = addressPolicy({ NODE_ENV: 'development' });
const hooks = new WebhookReceiver();

beforeAll(() => hooks.up());
afterAll(() => hooks.down());

describe('webhook address policy', () => {
  it('refuses private, loopback, link-local and reserved addresses in production, v4, v6 and v4-in-v6', () => {
    for (const address of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '127.0.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1', '224.0.0.1']) {
      expect(addressAllowed(address, production), address).toBe(false);
    }
    for (const address of ['8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(addressAllowed(address, production), address).toBe(true);
    expect(addressAllowed('127.0.0.1', development)).toBe(true);
    expect(addressAllowed('10.1.2.3', development)).toBe(false);
  });

  it('takes only https URLs to public hosts in production, and this machine too in development', () => {
    expect(urlProblem('https://hooks.example.org/volunteer', production)).toBeNull();
    expect(urlProblem('http://hooks.example.org/volunteer', production)).toBe('https');
    for (const url of ['http://127.0.0.1:8080/h', 'https://localhost/h', 'https://a.localhost/h', 'https://[::1]/h', 'https://10.0.0.1/h', 'https://[::ffff:192.168.0.1]/h']) {
      expect(urlProblem(url, production), url).toBe('address');
    }
    expect(urlProblem('http://127.0.0.1:8080/h', development)).toBeNull();
    expect(urlProblem('http://10.0.0.1/h', development)).toBe('https');
    expect(urlProblem('https://10.0.0.1/h', development)).toBe('address');
    for (const url of ['hooks.example.org', 'ftp://example.org/', 'https://user:pw@example.org/', 'javascript:alert(1)']) expect(urlProblem(url, production), url).toBe('invalid');
  });

  it('refuses at delivery a name that resolves to this machine, sending nothing, under the production rules', async () => {
    const byName = hooks.url.replace('127.0.0.1', 'localhost');
    const refused = await postEvent(byName, {}, '{}', production);
    expect(refused).toMatchObject({ ok: false, statusCode: null, error: 'address not allowed' });
    expect(await postEvent(hooks.url, {}, '{}', production)).toMatchObject({ ok: false, error: 'address not allowed' });
    expect(hooks.received).toHaveLength(0);
    expect(await postEvent(byName, {}, '{}', development)).toMatchObject({ ok: true, statusCode: 200 });
    expect(hooks.received).toHaveLength(1);
  });
});
