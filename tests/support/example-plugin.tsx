import { z } from 'zod';
import { defineMessages, definePlugin, idFrom, messagesFor, notFoundPage, pluginContext, requirePermission, sitePath } from '../../core/plugin-api.ts';

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

// Per-city settings: every field has a default, so a city that just enabled the plugin has valid ones.
const settings = z.object({
  greeting: z.string().min(1).max(40).default('你好'),
  limit: z.number().int().min(1).max(100).default(10),
  featured: z.boolean().default(false),
});
type Settings = z.output<typeof settings>;

/**
 * A small plugin that uses every part of the plugin contract (settings, a role,
 * permissions, nav, routes with an id, an event handler, a job, demo data). It is
 * the example of README "Writing a plugin", and the tests run it: tests/plugins/example/.
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
      // The plugin's context: the city, the user and permissions, the settings (parsed), and `work` for the database.
      const s = pluginContext<Settings>(c).settings;
      return c.render(
        <section class="card">
          <h1>{s.greeting}</h1>
          <p>{t.limit(s.limit)}</p>
          {s.featured && <p class="badge">{t.featured}</p>}
        </section>,
        { title: t.title },
      );
    });
    app.get('/manage', requirePermission('example.manage'), async (c) => {
      const t = messagesFor(c, messages);
      const helpers = await pluginContext(c).work((w) => w.people.withRole('example.helper'));
      return c.render(
        <section class="card">
          <h1>{t.manageTitle}</h1>
          <p>{t.manageBody}</p>
          <ul>
            {helpers.map((h) => (
              <li>
                <a href={sitePath(c, `/p/example/members/${h.id}`)}>{h.name}</a>
              </li>
            ))}
          </ul>
        </section>,
        { title: t.manageTitle },
      );
    });
    app.get('/members/:userId', requirePermission('example.manage'), async (c) => {
      // Not an id at all, or no member of this city: the same 404 as a page that does not exist.
      const id = idFrom(c, 'userId');
      const name = id && (await pluginContext(c).work((w) => w.people.names([id]))).get(id);
      if (!name) return notFoundPage(c);
      return c.render(
        <section class="card">
          <h1>{name}</h1>
        </section>,
        { title: name },
      );
    });
  },
  // What each route parameter names, for the cross-tenant and fuzz suites: here a member of the city.
  routeIds: { 'members/:userId': 'user' },
  // Events, jobs and the seed get the same context; `work` is then the transaction already open.
  on: {
    'user.registered': (user, ctx) =>
      ctx.work(async (w) => {
        await w.audit({ actor: 'plugin:example', action: 'example.saw_registration', target: `user:${user.userId}` });
        // Lets a test prove that a failing handler rolls back the whole transaction, its own write included.
        if (user.name === 'fail-me') throw new Error('example plugin refuses users named fail-me');
      }),
  },
  // A real plugin checks its own tables before seeding; the example only notes each run.
  seed: (ctx) => ctx.work((w) => w.audit({ actor: 'plugin:example', action: 'example.seeded', target: ctx.city.slug })),
  jobs: [
    {
      id: 'heartbeat',
      cron: '0 * * * *', // every hour, China time
      run: (ctx) => ctx.work((w) => w.audit({ actor: 'plugin:example', action: 'example.job_ran' })),
    },
  ],
});
