import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs, projects } from '../../../core/volunteering/projects/schema.ts';
import { TestClient } from '../../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, fieldError, inCity, mainOf, organisation, origin, project, signedIn } from '../fixtures.ts';

let p: TestPlatform;
let organiser: Awaited<ReturnType<typeof citizen>>;
let orgId: string;
const anonymous = () => new TestClient(p.app, origin('alpha'));
beforeAll(async () => {
  p = await startTestPlatform();
  organiser = await citizen(p, 'alpha', '项目组织者');
  orgId = await organisation(p, 'alpha', organiser.id, '筛选测试机构');
  await project(p, 'alpha', orgId, organiser.id, { name: '法援东区', category: 'legal_aid', district: '城东区' });
  await project(p, 'alpha', orgId, organiser.id, { name: '法援西区', category: 'legal_aid', district: '城西区' });
  await project(p, 'alpha', orgId, organiser.id, { name: '环保西区', category: 'environment', district: '城西区' });
  await project(p, 'alpha', orgId, organiser.id, { name: '法援草稿', category: 'legal_aid', district: '城东区', publish: false });
});
afterAll(() => p.close());

const names = (html: string) => [...html.matchAll(/<h2><a href="\/projects\/[^"]+">([^<]+)<\/a><\/h2>/g)].map((m) => m[1]).sort();

describe(`projects and needs (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lists published projects without sign-in, filtered by category, district or both', async () => {
    const all = names(await mainOf(await anonymous().get('/projects')));
    expect(all).toEqual(expect.arrayContaining(['法援东区', '法援西区', '环保西区']));
    expect(all).not.toContain('法援草稿');
    expect(names(await mainOf(await anonymous().get('/projects?category=legal_aid')))).toEqual(['法援东区', '法援西区']);
    const west = names(await mainOf(await anonymous().get(`/projects?district=${encodeURIComponent('城西区')}`)));
    expect(west).toEqual(expect.arrayContaining(['法援西区', '环保西区']));
    expect(west).not.toContain('法援东区');
    expect(names(await mainOf(await anonymous().get(`/projects?category=legal_aid&district=${encodeURIComponent('城西区')}`)))).toEqual(['法援西区']);
    const page = await mainOf(await anonymous().get('/projects?category=legal_aid'));
    expect(page).toContain('<option value="legal_aid" selected="">法律援助</option>');
    expect(page).toContain('共 2 个项目');
    // An unknown category or district filters nothing rather than failing.
    expect(names(await mainOf(await anonymous().get('/projects?category=nonsense&district=nowhere')))).toEqual(all);
  });

  it('swaps only the results when htmx sends the filter, and the fragment links back to the whole list', async () => {
    const res = await anonymous().get('/projects?category=legal_aid', { 'hx-request': 'true' });
    expect(res.status).toBe(200);
    const fragment = await res.text();
    expect(fragment.startsWith('<div id="project-results"')).toBe(true);
    expect(fragment).not.toContain('<html');
    expect(names(fragment)).toEqual(['法援东区', '法援西区']);
    expect(fragment).toContain('共 2 个项目');
    expect(fragment).toContain('href="/projects">清除筛选</a>');
    // The whole page carries the form that asks for the fragment.
    const page = await mainOf(await anonymous().get('/projects'));
    expect(page).toMatch(/<form[^>]*hx-get="\/projects"[^>]*hx-target="#project-results"/);
  });

  it('offers a signed-in volunteer, not a visitor, to claim hours served on a project', async () => {
    const id = await project(p, 'alpha', orgId, organiser.id, { name: '申报入口' });
    const claimLink = `href="/projects/${id}/claim"`;
    expect(await mainOf(await anonymous().get(`/projects/${id}`))).not.toContain(claimLink);
    const volunteer = await citizen(p, 'alpha', '申报者', { profile: true });
    const page = await mainOf(await volunteer.client.get(`/projects/${id}`));
    expect(page).toContain(claimLink);
    expect(page).toContain('申报服务时长');
    expect((await volunteer.client.get(`/projects/${id}/claim`)).status).toBe(200);
  });

  it('pages through many projects, keeping the filter in the page links', async () => {
    for (let i = 0; i < 21; i++) await project(p, 'alpha', orgId, organiser.id, { name: `文化${String(i).padStart(2, '0')}`, category: 'culture', district: '城北区' });
    const first = await mainOf(await anonymous().get('/projects?category=culture'));
    expect(names(first)).toHaveLength(20);
    expect(first).toContain('href="/projects?category=culture&amp;page=2"');
    const second = names(await mainOf(await anonymous().get('/projects?category=culture&page=2')));
    expect(second).toHaveLength(1);
    expect(names(first)).not.toContain(second[0]);
  });

  it('closes a project: it leaves the menu but its page stays, and drafts stay hidden from outsiders', async () => {
    const id = await project(p, 'alpha', orgId, organiser.id, { name: '将结束的项目', category: 'health' });
    expect(names(await mainOf(await anonymous().get('/projects?category=health')))).toEqual(['将结束的项目']);
    const { client: volunteer } = await signedIn(p, 'alpha', 'vol@alpha.test');
    expect((await volunteer.post(`/projects/${id}/close`)).status).toBe(403);
    expect((await organiser.client.post(`/projects/${id}/close`)).status).toBe(303);
    expect(names(await mainOf(await anonymous().get('/projects?category=health')))).toEqual([]);
    expect(await mainOf(await anonymous().get(`/projects/${id}`))).toContain('项目已结束');
    const draft = await inCity(p, 'alpha', (tx, t) => tx.select().from(projects).where(and(eq(projects.tenantId, t), eq(projects.name, '法援草稿'))));
    expect((await anonymous().get(`/projects/${draft[0]!.id}`)).status).toBe(404);
    expect((await volunteer.get(`/projects/${draft[0]!.id}/edit`)).status).toBe(404);
  });

  it('takes a resident’s need, shows it to organisations only, and turns it into a draft project when taken up', async () => {
    const resident = await citizen(p, 'alpha', '求助居民');
    const bad = await resident.client.post('/needs/new', { help: '', district: '城东区', place: '幸福小区3栋', wanted_when: '每周六上午', contact: '110' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(fieldError(html, 'help')).toBe('此项必填。');
    expect(fieldError(html, 'contact')).toContain('11 位手机号');
    const posted = await resident.client.post('/needs/new', { help: '帮行动不便的老人买菜', district: '城东区', place: '幸福小区3栋', wanted_when: '每周六上午', contact: '13700001111' });
    expect(posted.status).toBe(303);
    const [need] = await inCity(p, 'alpha', (tx, t) => tx.select().from(needs).where(and(eq(needs.tenantId, t), eq(needs.postedBy, resident.id))));

    expect((await resident.client.get('/needs')).status).toBe(403);
    const list = await mainOf(await organiser.client.get('/needs'));
    expect(list).toContain('帮行动不便的老人买菜');
    expect(list).toContain('13700001111');
    const taken = await organiser.client.post(`/needs/${need!.id}/take`, { organisation: orgId });
    expect(taken.status).toBe(303);
    const editPath = taken.headers.get('location')!;
    expect(editPath).toMatch(/^\/projects\/[0-9a-f-]+\/edit$/);
    const form = await mainOf(await organiser.client.get(editPath));
    expect(form).toContain('帮行动不便的老人买菜');
    const projectPage = await mainOf(await organiser.client.get(editPath.replace('/edit', '')));
    expect(projectPage).toContain('草稿');
    expect(projectPage).toContain('本项目源自居民提出的需求');
    expect(await mainOf(await organiser.client.get('/needs'))).not.toContain('帮行动不便的老人买菜');
    const twice = await organiser.client.follow(organiser.client.post(`/needs/${need!.id}/take`, { organisation: orgId }));
    expect(await twice.text()).toContain('这个需求已被其他组织认领');
    const [after] = await inCity(p, 'alpha', (tx, t) => tx.select().from(needs).where(and(eq(needs.tenantId, t), eq(needs.id, need!.id))));
    expect(after!.status).toBe('taken');
    expect(after!.takenByOrganisationId).toBe(orgId);
  });

  it('lets only an organisation’s own administrators take a need up for it', async () => {
    const resident = await citizen(p, 'alpha', '另一居民');
    await resident.client.post('/needs/new', { help: '辅导孩子功课', district: '城南区', place: '阳光小区', wanted_when: '工作日晚上', contact: '13700002222' });
    const [need] = await inCity(p, 'alpha', (tx, t) => tx.select().from(needs).where(and(eq(needs.tenantId, t), eq(needs.postedBy, resident.id))));
    const stranger = await citizen(p, 'alpha', '别家管理员');
    await organisation(p, 'alpha', stranger.id, '别家机构');
    expect((await stranger.client.post(`/needs/${need!.id}/take`, { organisation: orgId })).status).toBe(403);
    expect((await resident.client.post(`/needs/${need!.id}/take`, { organisation: orgId })).status).toBe(403);
    const [after] = await inCity(p, 'alpha', (tx, t) => tx.select().from(needs).where(and(eq(needs.tenantId, t), eq(needs.id, need!.id))));
    expect(after!.status).toBe('open');
  });
});
