import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plugins } from '../../plugins/index.ts';
import { TestClient } from '../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { enableEveryPlugin } from '../support/route-ids.ts';
import { mainOf, organisation, project, serviceRecord, signedIn, userIdOf } from '../volunteering/fixtures.ts';

/**
 * What the fuzz suite found, kept as plain cases. Numbers in links and forms are
 * bounded where they are read: a page number too big for the database, negative,
 * not finite or not written in decimals shows the first page instead of failing,
 * and a setting typed as `0x10` is refused. A NUL character, which PostgreSQL text
 * cannot hold, is refused with a page that says so, and so is a form too broken to read.
 */
const HOSTILE_PAGES = ['1e20', '-1', '2147483648', '9223372036854775808', 'NaN', 'Infinity', '0x10'];

let p: TestPlatform;
let admin: TestClient;
let queue: string;

beforeAll(async () => {
  p = await startTestPlatform({ plugins });
  await enableEveryPlugin(p, ['alpha']);
  const adminId = await userIdOf(p, 'alpha', 'admin@alpha.test');
  const org = await organisation(p, 'alpha', adminId);
  const projectId = await project(p, 'alpha', org, adminId, { name: '河道清洁' });
  await serviceRecord(p, 'alpha', adminId, projectId, { minutes: 45, status: 'pending' });
  queue = `/organisations/${org}/records?status=pending`;
  admin = (await signedIn(p, 'alpha', 'admin@alpha.test')).client;
});
afterAll(() => p.close());

describe('a page number out of range', () => {
  it.each(HOSTILE_PAGES)('page=%s shows the first page of the projects, the members and a record queue', async (page) => {
    for (const [path, shown] of [['/projects?', '河道清洁'], ['/admin/members?', 'admin@alpha.test'], [`${queue}&`, '河道清洁']] as const) {
      const res = await admin.get(`${path}page=${encodeURIComponent(page)}`);
      expect(res.status, path).toBe(200);
      expect(await mainOf(res), path).toContain(shown);
    }
  });

  it('still reaches a real later page', async () => {
    const res = await admin.get('/projects?page=2');
    expect(res.status).toBe(200);
    expect(await mainOf(res)).not.toContain('河道清洁');
  });
});

describe('a number setting not written in decimals', () => {
  it('is refused beside its field and saves nothing', async () => {
    const res = await admin.post('/admin/plugins/time-bank', { creditName: '时间币', creditsPerHour: '0x10' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<small id="f-creditsPerHour-error" class="error">请输入数字</small>');
    expect(await (await admin.get('/admin/plugins/time-bank')).text()).toMatch(/<input[^>]*name="creditsPerHour"[^>]*value="1"/);
  });
});

describe('a NUL character', () => {
  it('in a form is refused with a page that says so, and nothing is saved', async () => {
    const res = await admin.post('/p/time-bank/market/new', { kind: 'offer', title: '陪同\u0000就医', description: '工作日上午', credits: '1' });
    expect(res.status).toBe(400);
    expect(await mainOf(res)).toContain('提交的内容含有无法保存的控制字符，未做任何更改。');
    expect(await mainOf(await admin.get('/p/time-bank/market'))).not.toContain('陪同');
  });

  it('in an address or a JSON body is refused too', async () => {
    expect((await admin.get('/verify/AB%00CD')).status).toBe(400);
    expect((await admin.get('/projects?q=%00')).status).toBe(400);
    expect((await admin.postJson('/p/charity-fund/payments/sandbox/callback', { fields: { reference: 'a\u0000b' }, signature: 'x' })).status).toBe(400);
  });
});

describe('a form too broken to read', () => {
  /** A multipart form without its parts, as a broken client or an attacker sends it. */
  const BROKEN = { 'content-type': 'multipart/form-data; boundary=cut' };

  it('is refused with a page that says so on a city’s site, and nothing is saved', async () => {
    const res = await admin.post('/p/time-bank/market/new', { kind: 'offer', title: '陪同就医', description: '工作日上午', credits: '1' }, BROKEN);
    expect(res.status).toBe(400);
    expect(await mainOf(res)).toContain('提交的表单格式有误，无法读取，未做任何更改。');
    expect(await mainOf(await admin.get('/p/time-bank/market'))).not.toContain('陪同就医');
  });

  it('is refused the same way on the platform console', async () => {
    const visitor = new TestClient(p.app, 'http://localhost');
    for (const path of ['/sign-in', '/locale']) {
      const res = await visitor.post(path, { email: 'someone@platform.example', password: 'password-123', locale: 'en' }, BROKEN);
      expect(res.status, path).toBe(400);
      expect(await mainOf(res), path).toContain('提交的表单格式有误，无法读取，未做任何更改。');
    }
  });
});
