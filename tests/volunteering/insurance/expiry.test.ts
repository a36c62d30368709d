import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDepsOf } from '../../support/jobs.ts';
import { coreJobs } from '../../../core/jobs/core-jobs.ts';
import { insuranceExpiryJob } from '../../../core/volunteering/insurance/expiry-job.ts';
import { DAY_MS, toLocalDateInput } from '../../../core/volunteering/shared/time.ts';
import { messagesTo } from '../../support/outbox.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, organisation } from '../fixtures.ts';

let p: TestPlatform;
let organiser: Awaited<ReturnType<typeof citizen>>;
let sunshine: string;
const day = (offset: number) => toLocalDateInput(new Date(Date.now() + offset * DAY_MS));
const runJob = (at: Date) => insuranceExpiryJob.run({ at: at.toISOString() }, jobDepsOf(p));
const warnings = async () => (await messagesTo(p, organiser.email)).filter((m) => m.kind === 'volunteering.insurance-ending');

beforeAll(async () => {
  p = await startTestPlatform();
  organiser = await citizen(p, 'alpha', '组织者');
  sunshine = await organisation(p, 'alpha', organiser.id, '阳光志愿队');
  const policy = { insurer: '中国人寿', starts_on: day(-300), coverage: 'all', volunteer_numbers: '' };
  expect((await organiser.client.post(`/organisations/${sunshine}/insurance`, { ...policy, policy_number: 'ENDS-SOON', ends_on: day(20) })).status).toBe(303);
  expect((await organiser.client.post(`/organisations/${sunshine}/insurance`, { ...policy, policy_number: 'ENDS-LATER', ends_on: day(60) })).status).toBe(303);
});
afterAll(() => p.close());

describe(`warnings before volunteer insurance ends (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('is a daily core job', () => {
    expect(coreJobs).toContain(insuranceExpiryJob);
    expect(insuranceExpiryJob.cron).toBe('0 8 * * *');
  });

  it('warns the organisation’s administrators once, 14 days before a policy ends, and not of a policy ending later', async () => {
    await runJob(new Date(Date.now() + 5 * DAY_MS));
    expect(await warnings()).toHaveLength(0);
    await runJob(new Date(Date.now() + 6 * DAY_MS));
    await runJob(new Date(Date.now() + 7 * DAY_MS));
    const sent = await warnings();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toContain('ENDS-SOON');
    expect(sent[0]!.text).toContain(day(20));
  });
});
