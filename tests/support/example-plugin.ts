import { html } from 'hono/html';
import { z } from 'zod';
import { defineMessages, definePlugin, messagesFor, pluginContext, requirePermission } from '../../core/plugin-api.ts';

const messages = defineMessages({
  'zh-CN': {
    title: '示例',
    limit: (n: number) => `每页显示 ${n} 条`,
    featured: '推荐中',
    manageTitle: '示例管理',
    manageBody: '只有拥有 example.manage 权限的人能看到这一页。',
  },
  en: {
    title: 'Example',
    limit: (n: number) => `${n} per page`,
    featured: 'Featured',
    manageTitle: 'Example management',
    manageBody: 'Only people holding example.manage see this page.',
  },
});

const settings = z.object({
  greeting: z.string().min(1).max(40).default('你好'),
  limit: z.number().int().min(1).max(100).default(10),
  featured: z.boolean().default(false),
});

/**
 * A plugin that exists only for tests: it uses every part of the plugin contract
 * (settings, a role, permissions, nav, routes, an event handler, a job) in the
 * smallest way that lets a test see each part work. Other tests import this
 * `.ts` path, so its pages are `hono/html` templates (they escape what they interpolate).
 */
export const examplePlugin = definePlugin({
  id: 'example',
  version: '1.0.0',
  name: { 'zh-CN': '示例模块', en: 'Example module' },
  description: { 'zh-CN': '用来验证插件机制的示例。', en: 'A sample that proves the plugin host works.' },
  settings,
  settingsLabels: {
    greeting: { 'zh-CN': '问候语', en: 'Greeting' },
    limit: { 'zh-CN': '每页条数', en: 'Items per page' },
    featured: { 'zh-CN': '设为推荐', en: 'Featured' },
  },
  roles: { 'example.helper': { 'zh-CN': '示例助手', en: 'Example helper' } },
  permissions: {
    'example.use': ['volunteer', 'city_admin'],
    'example.manage': ['city_admin', 'example.helper'],
  },
  nav: [{ path: '/', label: { 'zh-CN': '示例', en: 'Example' } }],
  routes: (app) => {
    app.get('/', (c) => {
      const t = messagesFor(c, messages);
      const s = pluginContext<z.output<typeof settings>>(c).settings;
      const featured = s.featured ? html`<p class="badge">${t.featured}</p>` : '';
      return c.render(html`<section class="card"><h1>${s.greeting}</h1><p>${t.limit(s.limit)}</p>${featured}</section>`, { title: t.title });
    });
    app.get('/manage', requirePermission('example.manage'), (c) => {
      const t = messagesFor(c, messages);
      return c.render(html`<section class="card"><h1>${t.manageTitle}</h1><p>${t.manageBody}</p></section>`, { title: t.manageTitle });
    });
  },
  on: {
    'user.registered': (user, city) =>
      city.work(async (w) => {
        await w.audit({ actor: 'plugin:example', action: 'example.saw_registration', target: `user:${user.userId}` });
        // Lets a test prove that a failing handler rolls back the whole transaction, its own write included.
        if (user.name === 'fail-me') throw new Error('example plugin refuses users named fail-me');
      }),
  },
  // A real plugin checks its own tables before seeding; the example only notes each run.
  seed: (city) => city.work((w) => w.audit({ actor: 'plugin:example', action: 'example.seeded', target: city.city.slug })),
  jobs: [
    {
      id: 'heartbeat',
      cron: '0 * * * *',
      run: (city) => city.work((w) => w.audit({ actor: 'plugin:example', action: 'example.job_ran' })),
    },
  ],
});
