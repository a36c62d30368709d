import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { volunteerCommendations, volunteerTrainings } from '../../../core/volunteering/recognition/schema.ts';
import { findProfile } from '../../../core/volunteering/volunteers/service.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, fieldError, idCard, inCity, mainOf, organisation, project, serviceRecord, verify } from '../fixtures.ts';

let p: TestPlatform;
let organiser: Awaited<ReturnType<typeof citizen>>;
let volunteer: Awaited<ReturnType<typeof citizen>>;
let colleague: Awaited<ReturnType<typeof citizen>>;
let orgId: string;
let numbers: { volunteer: string; colleague: string };
const ID = idCard('44010619900101123');

const trainings = () => inCity(p, 'alpha', (tx, t) => tx.select().from(volunteerTrainings).where(eq(volunteerTrainings.tenantId, t)));

beforeAll(async () => {
  p = await startTestPlatform();
  organiser = await citizen(p, 'alpha', '组织者');
  orgId = await organisation(p, 'alpha', organiser.id, '阳光志愿队');
  volunteer = await citizen(p, 'alpha', '黄志愿', { profile: true, idCardNumber: ID });
  colleague = await citizen(p, 'alpha', '陈同伴', { profile: true });
  const number = async (id: string) => (await inCity(p, 'alpha', (tx, t) => findProfile(tx, t, id)))!.volunteerNumber;
  numbers = { volunteer: await number(volunteer.id), colleague: await number(colleague.id) };
  const projectId = await project(p, 'alpha', orgId, organiser.id, { name: '社区助老' });
  const record = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 90, content: '陪伴老人聊天' });
  await verify(p, 'alpha', orgId, organiser.id, [record]);
});
afterAll(() => p.close());

describe(`training, commendations and the volunteer's record (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('records a training session for the volunteers named by number, one row each', async () => {
    const res = await organiser.client.post(`/organisations/${orgId}/trainings`, { title: '急救培训', held_on: '2026-03-01', minutes: '120', numbers: `${numbers.volunteer}\n${numbers.colleague.toLowerCase()}\n${numbers.volunteer}` });
    expect(res.status).toBe(303);
    const rows = await trainings();
    expect(rows.map((r) => r.volunteerUserId).sort()).toEqual([volunteer.id, colleague.id].sort());
    expect(rows.every((r) => r.minutes === 120 && r.heldOn === '2026-03-01' && r.organisationId === orgId)).toBe(true);
  });

  it('refuses unknown numbers, bad dates and lengths beside their fields, and records nothing', async () => {
    const before = (await trainings()).length;
    const unknown = await organiser.client.post(`/organisations/${orgId}/trainings`, { title: '消防培训', held_on: '2026-03-02', minutes: '60', numbers: `${numbers.volunteer}\nNOBODY-1` });
    expect(unknown.status).toBe(400);
    const html = await unknown.text();
    expect(fieldError(html, 'numbers')).toContain('NOBODY-1');
    expect(html).toContain('消防培训');
    const bad = await organiser.client.post(`/organisations/${orgId}/trainings`, { title: '', held_on: '2999-01-01', minutes: '0', numbers: '' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    for (const field of ['title', 'held_on', 'minutes', 'numbers']) expect(fieldError(badHtml, field), field).toBeTruthy();
    expect((await trainings()).length).toBe(before);
  });

  it('records a commendation with who conferred it', async () => {
    const res = await organiser.client.post(`/organisations/${orgId}/commendations`, { title: '优秀志愿者', awarded_by: '区文明办', awarded_on: '2026-02-01', numbers: numbers.volunteer });
    expect(res.status).toBe(303);
    const rows = await inCity(p, 'alpha', (tx, t) => tx.select().from(volunteerCommendations).where(eq(volunteerCommendations.tenantId, t)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ volunteerUserId: volunteer.id, awardedBy: '区文明办', awardedOn: '2026-02-01' });
    expect(await mainOf(await organiser.client.get(`/organisations/${orgId}/commendations`))).toContain('优秀志愿者');
  });

  it('keeps recording to the organisation’s verifiers: 403 for a volunteer, and nothing written', async () => {
    expect((await volunteer.client.get(`/organisations/${orgId}/trainings`)).status).toBe(403);
    const res = await volunteer.client.post(`/organisations/${orgId}/commendations`, { title: '自封', awarded_by: '自己', awarded_on: '2026-02-01', numbers: numbers.volunteer });
    expect(res.status).toBe(403);
    expect(await inCity(p, 'alpha', (tx, t) => tx.select().from(volunteerCommendations).where(eq(volunteerCommendations.tenantId, t)))).toHaveLength(1);
  });

  it('shows the volunteer their record in the 办法’s parts: basics with the ID masked, service with its evaluation, training, commendations', async () => {
    const main = await mainOf(await volunteer.client.get('/volunteer/record'));
    expect(main).toContain('黄志愿');
    expect(main).toContain(numbers.volunteer);
    expect(main).toContain(`4401**********123${ID.slice(-1)}`);
    expect(main).not.toContain(ID);
    expect(main).toContain('陪伴老人聊天');
    expect(main).toContain('急救培训');
    expect(main).toContain('优秀志愿者');
    expect(main).toContain('区文明办');
    const theirs = await mainOf(await colleague.client.get('/volunteer/record'));
    expect(theirs).toContain('急救培训');
    expect(theirs).not.toContain('优秀志愿者');
  });
});
