import request from 'supertest';
import { ComplaintSchema, RecommendedJobsResponseSchema, idNumberCheckChar, type WorkerRegistrationInput } from '@zhuanyi/shared';
import { createApp } from '../../app';
import { testConfig } from '../../config/env';
import { createLogger } from '../../logging/logger';
import { manualClock } from '../../security/clock';
import { signInAs } from '../../test-support/auth';
import { buildJob } from '../../test-support/factories';
import { useTestDb } from '../../test-support/test-db';

const db = useTestDb();
const clock = manualClock('2026-06-01T02:00:00Z');
const http = () => request(createApp({ config: testConfig(), logger: createLogger({ level: 'silent' }), db: db.database, clock }).callback());
let key = 0;
const newKey = () => `registered-${Date.now()}-${(key += 1)}`;

function registration(overrides: Partial<WorkerRegistrationInput>): WorkerRegistrationInput {
  const first17 = '15052119630315123'; // born 1963-03-15: 63 on 2026-06-01
  return {
    name: '包金山',
    idNumber: first17 + idNumberCheckChar(first17),
    ethnicity: '蒙古族',
    phone: '13847501234',
    education: 'junior',
    householdRegionCode: '150521100201',
    householdGroup: '三组',
    keyGroups: [],
    mobility: 'can_travel_far',
    skills: [],
    certificates: [],
    jobIntention: { wantsJob: true, trades: ['电焊工'], locations: ['out_of_province'], expectedMonthlyPayFen: 600_000 },
    trainingIntention: { wantsTraining: false, trades: [] },
    employment: { status: 'unemployed', destination: null },
    entrepreneurship: { active: false },
    ...overrides,
  };
}

describe('a registered worker', () => {
  it('when a 63-year-old registered worker files a complaint, then it warns without blocking, on the fixed clock, and goes to the worksite county while the home county follows it', async () => {
    const worker = await signInAs('worker');
    await http().put('/api/v1/workers/me').set(worker.header).set('Idempotency-Key', newKey()).send(registration({})).expect((r) => expect([200, 201]).toContain(r.status));
    const res = await http()
      .post('/api/v1/complaints')
      .set(worker.header)
      .set('Idempotency-Key', newKey())
      .send({ caseType: 'construction', respondent: { kind: 'foreman', name: '李工头' }, project: { regionCode: '310115', address: '浦东新区某工地' } })
      .expect(201);
    const c = ComplaintSchema.parse(res.body);
    expect(c.warnings.map((w) => w.code)).toEqual(['older_worker']);
    expect(c.caseNumber).toBe('310115-20260601-0001');
    expect(c.jurisdiction).toMatchObject({ regionCode: '310115', needsJurisdiction: false });
    expect(c.clocks[0]).toMatchObject({ dueAt: '2026-06-06T15:59:59.999Z', daysLeft: 5 });
    const worksite = await signInAs('intake', { regionScope: '310115' });
    await http().get(`/api/v1/complaints/${c.id}`).set(worksite.header).expect(200);
    const home = await signInAs('intake', { regionScope: '150521' });
    await http().get(`/api/v1/complaints/${c.id}`).set(home.header).expect(200);
    await http().post(`/api/v1/complaints/${c.id}/decisions`).set(home.header).send({ action: 'accept' }).expect(403);
  });

  it('when a far-travelling welder asks for recommendations, then at least 3 come back with welding first', async () => {
    const worker = await signInAs('worker');
    await http().put('/api/v1/workers/me').set(worker.header).set('Idempotency-Key', newKey()).send(registration({})).expect((r) => expect([200, 201]).toContain(r.status));
    await buildJob({ title: '家政保洁', trade: '家政服务员', transport: 'none', createdAt: new Date('2026-05-30T00:00:00Z') });
    await buildJob({ title: '上海电焊工', trade: '电焊工', transport: 'point_to_point', createdAt: new Date('2026-05-20T00:00:00Z') });
    await buildJob({ title: '东莞普工', trade: '普工', transport: 'shuttle', createdAt: new Date('2026-05-29T00:00:00Z') });
    const body = RecommendedJobsResponseSchema.parse((await http().get('/api/v1/jobs/recommended').set(worker.header).expect(200)).body);
    expect(body.items.length).toBeGreaterThanOrEqual(3);
    expect(body.items[0]?.title).toBe('上海电焊工');
    expect(body.items[0]?.reasons).toContain('trade_match');
  });
});
