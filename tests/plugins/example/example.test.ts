import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePlugin } from '../../support/example-plugin.tsx';
import { mainOf, startPluginKit, type PluginKit } from '../../support/plugin-kit/index.ts';

let kit: PluginKit;
beforeAll(async () => {
  // The test platform with the plugin enabled in both test cities, alpha and beta.
  kit = await startPluginKit(examplePlugin, { settings: { greeting: '欢迎' } });
});
afterAll(() => kit.close());

describe('the example plugin', () => {
  it('greets with each city’s own setting', async () => {
    await kit.enable('beta', { greeting: '您好', featured: true });
    expect(await mainOf(await kit.visitor('alpha').get('/p/example/'))).toContain('<h1>欢迎</h1>');
    const beta = await mainOf(await kit.visitor('beta').get('/p/example/'));
    expect(beta).toContain('<h1>您好</h1>');
    expect(beta).toContain('推荐中');
  });

  it('shows a member to those who manage the plugin, and to nobody in another city', async () => {
    const helper = await kit.person('alpha', '小帮手', { roles: ['example.helper'] });
    const volunteer = await kit.volunteer('alpha');
    expect(await mainOf(await (await kit.cityAdmin('alpha')).client.get('/p/example/manage'))).toContain('小帮手');
    expect(await mainOf(await helper.client.get(`/p/example/members/${volunteer.id}`))).toContain(volunteer.name);
    expect((await volunteer.client.get(`/p/example/members/${helper.id}`)).status).toBe(403);
    expect((await (await kit.socialWorker('alpha')).client.get('/p/example/manage')).status).toBe(403);
    expect((await (await kit.cityAdmin('beta')).client.get(`/p/example/members/${helper.id}`)).status).toBe(404);
  });

  it('is a 404 in a city that switched it off', async () => {
    await kit.disable('beta');
    expect((await kit.visitor('beta').get('/p/example/')).status).toBe(404);
  });
});
