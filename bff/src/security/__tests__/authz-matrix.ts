/**
 * Who may call what: one entry per `METHOD path` of /api/openapi.json, with the expected answer
 * for every caller (see authz-fixtures.ts for who they are):
 *   'ok' – allowed: a 2xx (or a listed business answer: the handler ran, so auth and scope passed)
 *   401  – no or bad token;  403 – role (or region, for writes) not allowed;  404 – not theirs / out of scope.
 * A route missing here fails authz-matrix.test.ts by name. Callers expected to be refused run
 * first, so a wrong "allowed" cannot hide behind state a refused call might have changed.
 */
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Test } from 'supertest';
import { PRIVACY_NOTICE_VERSION } from '@zhuanyi/shared';
import type TestAgent from 'supertest/lib/agent';
import { signInAs } from '../../test-support/auth';
import type { LogCapture } from '../../test-support/test-app';
import type { FakeWechat } from '../../integrations/wechat/fake-wechat';
import { buildJob } from '../../test-support/factories';
import { EntitlementModel } from '../../modules/subsidies/subsidy.model';
import { JobReportModel } from '../../modules/job-reports/job-report.model';
import { EnrollmentModel } from '../../modules/training/enrollment.model';
import { SignInFailure } from '../../modules/auth/sign-in-failure.model';
import { OwnershipConflict } from '../../modules/workers/ownership-conflict.model';
import { Worker, type WorkerRecord } from '../../modules/workers/worker.model';
import {
  applyAsBroker,
  applyToJob,
  CALLERS,
  complaintInput,
  COUNTY_A,
  createTeam,
  enrolByBroker,
  enrolInCourse,
  fileComplaint,
  idempotencyKey,
  openCourse,
  phoneFor,
  registrationInput,
  VILLAGE_A,
  TINY_PNG,
  type Caller,
  type World,
} from './authz-fixtures';

export type Outcome = 'ok' | 401 | 403 | 404;

export interface RequestPlan {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** A multipart upload instead of a JSON body. */
  file?: { field: string; filename: string; content: Buffer; contentType: string };
  /** Raw bytes instead of JSON. */
  raw?: { content: Buffer; contentType: string };
}

export interface PlanContext {
  w: World;
  caller: Caller;
  http: () => TestAgent<Test>;
  logs: LogCapture;
  /** The fake WeChat the app signs workers in against. */
  wechat: FakeWechat;
}

export interface MatrixEntry {
  expect: Record<Caller, Outcome>;
  request?: (c: PlanContext) => RequestPlan | Promise<RequestPlan>;
  /** Non-2xx answers that still count as allowed for 'ok' callers, each with why. Never 401/403/404. */
  alsoOk?: ReadonlyArray<{ status: number; why: string }>;
}

type Expect = Record<Caller, Outcome>;
const ROLE_OF: Record<Exclude<Caller, 'anonymous'>, string> = {
  worker: 'worker',
  otherWorker: 'worker',
  broker: 'broker',
  otherBroker: 'broker',
  staff: 'staff',
  otherStaff: 'staff',
  intake: 'intake',
  otherIntake: 'intake',
  admin: 'admin',
};

/** A world worker's consent in force again (before calls that need it). */
async function regrantConsent(c: PlanContext): Promise<void> {
  if (c.caller !== 'worker' && c.caller !== 'otherWorker') return;
  await c
    .http()
    .post('/api/v1/consents/me')
    .set(c.w.subjects[c.caller].header)
    .send({ noticeVersion: PRIVACY_NOTICE_VERSION, purposes: ['personal_info', 'sensitive_info'] })
    .expect(200);
}

/** Anyone, signed in or not. */
const open = (): Expect => Object.fromEntries(CALLERS.map((c) => [c, 'ok'])) as Expect;
/** These roles allowed (both callers of a role), anonymous 401, the rest 403; then per-caller exceptions. */
function roles(allowed: readonly string[], except: Partial<Expect> = {}): Expect {
  const e = Object.fromEntries(
    CALLERS.map((c): [Caller, Outcome] => [c, c === 'anonymous' ? 401 : allowed.includes(ROLE_OF[c]) ? 'ok' : 403]),
  ) as Expect;
  return { ...e, ...except };
}

const ANY = ['worker', 'broker', 'staff', 'intake', 'admin'];
const STAFF = ['staff', 'admin'];
const png = { field: 'files', filename: '工资条.png', content: TINY_PNG, contentType: 'image/png' };
const csvImport = (): RequestPlan['file'] => ({
  field: 'file',
  filename: 'people.csv',
  content: Buffer.from('\ufeff姓名,身份证号\r\n', 'utf8'),
  contentType: 'text/csv',
});
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** The SMS code the development provider logged for a phone (it masks the phone, not the code). */
function smsCodeFromLogs(logs: LogCapture): string {
  for (let i = logs.lines.length - 1; i >= 0; i -= 1) {
    const sms: unknown = logs.lines[i]?.sms;
    const code: unknown = sms !== null && typeof sms === 'object' ? Reflect.get(sms, 'devLoginCode') : undefined;
    if (typeof code === 'string' && /^\d{6}$/.test(code)) return code;
  }
  throw new Error('no SMS code in the logs');
}

async function entitlement(w: World, status: 'open' | 'claimed'): Promise<string> {
  const now = new Date();
  const doc = await EntitlementModel.create({
    ruleKey: 'test-rule',
    ruleName: '测试补贴',
    beneficiary: 'broker',
    brokerId: w.subjects.broker.subjectId,
    workerId: new Types.ObjectId(w.brokerPersonId),
    workerName: '包金山',
    idNumberMasked: '150521********123X',
    teamId: new Types.ObjectId(w.teamId),
    teamName: '联队',
    employerId: new Types.ObjectId(w.employerId),
    employerName: '测试用工企业',
    regionCode: COUNTY_A,
    installment: 1,
    installments: 1,
    amountFen: 50_000,
    stage: 'arrived',
    dueOn: day(-1),
    dueAt: new Date(now.getTime() - 86_400_000),
    status,
    placementKey: `test-${randomBytes(6).toString('hex')}`,
    claimedAt: status === 'claimed' ? now : null,
  });
  return doc._id.toHexString();
}

/** An open, due grant of the world's worker (each worker caller claims a fresh one). */
async function workerGrant(w: World): Promise<string> {
  const id = await entitlement(w, 'open');
  await EntitlementModel.updateOne({ _id: new Types.ObjectId(id) }, { $set: { beneficiary: 'worker', brokerId: null, workerId: new Types.ObjectId(w.workerRecordId) } }).exec();
  return id;
}

/** A follow-up task of the world's county, listed for the admin (the first caller to close it answers 2xx, later ones 409). */
async function followUpTask(c: PlanContext): Promise<string> {
  const res = await c.http().get('/api/v1/watch/tasks').set(c.w.subjects.admin.header).expect(200);
  const id = (res.body as { items: Array<{ id: string }> }).items[0]?.id;
  if (!id) throw new Error('the world has no follow-up task');
  return id;
}

/** A complaint the world's worker files now (for state-changing steps each caller needs a fresh one). */
const freshComplaint = (c: PlanContext) => fileComplaint(c.http, c.w.subjects.worker);

async function staffFiledComplaint(c: PlanContext): Promise<string> {
  const res = await c
    .http()
    .post('/api/v1/intake/cases')
    .set(c.w.subjects.intake.header)
    .set('Idempotency-Key', idempotencyKey())
    .send({ channel: 'walk_in', workerId: c.w.workerRecordId, oralRecord: '本人来访，口述被拖欠工资。', complaint: complaintInput() });
  if (res.status !== 201 && res.status !== 200) throw new Error(`staff-filed complaint: ${res.status} ${JSON.stringify(res.body)}`);
  return String((res.body as { id: string }).id);
}

/** A new team of the broker's, applied for the world's job. */
async function appliedTeam(c: PlanContext): Promise<string> {
  const id = await createTeam(c.http, c.w.subjects.broker, c.w.jobId, [c.w.brokerPersonId]);
  const res = await c.http().post(`/api/v1/brokers/me/teams/${id}/application`).set(c.w.subjects.broker.header).send({});
  if (res.status !== 200) throw new Error(`team application: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}

/** A fresh open job in county A. */
async function freshJob(): Promise<string> {
  const job = await buildJob({ regionCode: COUNTY_A });
  return job._id.toHexString();
}

/** An open report on a fresh county-A job (stored directly: the per-worker daily limit is not what is tested here). */
async function freshJobReport(c: PlanContext): Promise<string> {
  const job = await buildJob({ regionCode: COUNTY_A });
  const r = await JobReportModel.create({ jobId: job._id, jobTitle: job.title, regionCode: job.regionCode, regionPath: job.regionPath, reporterId: c.w.subjects.worker.subjectId, reason: 'charges_fees' });
  return r._id.toHexString();
}

export const authzMatrix: Record<string, MatrixEntry> = {
  // ---- health and docs ----
  'GET /healthz': { expect: open() },
  'GET /readyz': { expect: open() },
  'GET /api/openapi.json': { expect: open() },

  // ---- regions (public reference data) ----
  'GET /api/v1/regions': { expect: open() },
  'GET /api/v1/regions/search': { expect: open(), request: () => ({ query: { q: '保康' } }) },
  'GET /api/v1/regions/:code': { expect: open(), request: () => ({ params: { code: COUNTY_A } }) },
  'GET /api/v1/regions/:code/children': { expect: open(), request: () => ({ params: { code: COUNTY_A } }) },

  // ---- sign-in: public, the caller's token plays no part ----
  'POST /api/v1/auth/password': {
    expect: open(),
    request: (c) => ({ body: { username: c.w.subjects.staff.username, password: c.w.subjects.staff.password } }),
  },
  'POST /api/v1/auth/wechat': {
    expect: open(),
    request: (c) => {
      const code = `code-${randomBytes(6).toString('hex')}`;
      c.wechat.addLoginCode(code, { openid: `o-${code}` });
      return { body: { code } };
    },
  },
  'POST /api/v1/auth/wechat/phone': {
    expect: open(),
    request: (c) => {
      const phoneCode = `phone-${randomBytes(6).toString('hex')}`;
      c.wechat.addPhoneCode(phoneCode, phoneFor());
      return { body: { phoneCode } };
    },
  },
  'POST /api/v1/auth/sms/code': { expect: open(), request: () => ({ body: { phone: phoneFor() } }) },
  'POST /api/v1/auth/sms': {
    expect: open(),
    request: async (c) => {
      const phone = phoneFor();
      const sent = await c.http().post('/api/v1/auth/sms/code').send({ phone });
      if (sent.status !== 200) throw new Error(`sms code: ${sent.status} ${JSON.stringify(sent.body)}`);
      return { body: { phone, code: smsCodeFromLogs(c.logs) } };
    },
  },
  'POST /api/v1/auth/refresh': { expect: open(), request: async () => ({ body: { refreshToken: (await signInAs('worker')).refreshToken } }) },
  'POST /api/v1/auth/sign-out': { expect: open(), request: async () => ({ body: { refreshToken: (await signInAs('worker')).refreshToken } }) },
  'GET /api/v1/auth/me': { expect: roles(ANY) },
  'PUT /api/v1/auth/me/locale': { expect: roles(ANY), request: () => ({ body: { locale: 'bo' } }) },

  // ---- consents (the worker's own) ----
  'GET /api/v1/consents/me': { expect: roles(['worker']) },
  'POST /api/v1/consents/me': { expect: roles(['worker']), request: () => ({ body: { noticeVersion: PRIVACY_NOTICE_VERSION, purposes: ['personal_info', 'sensitive_info'] } }) },
  'DELETE /api/v1/consents/me/:purpose': { expect: roles(['worker']), request: () => ({ params: { purpose: 'sensitive_info' } }) },
  'GET /api/v1/job-alerts/me': { expect: roles(['worker']) },
  'PUT /api/v1/job-alerts/me': { expect: roles(['worker']), request: () => ({ body: { trades: ['电焊工'], regionCodes: ['150521'] } }) },
  'DELETE /api/v1/job-alerts/me': { expect: roles(['worker']) },

  // ---- workers ----
  'GET /api/v1/workers/me': { expect: roles(['worker']) },
  'PUT /api/v1/workers/me': {
    expect: roles(['worker']),
    // Each worker re-saves their own registration (someone else's ID number would be a conflict),
    // with consent in force again (the consent routes may have withdrawn it).
    request: async (c) => {
      await regrantConsent(c);
      return { body: c.caller === 'otherWorker' ? c.w.registrations.otherWorker : c.w.registrations.worker };
    },
  },
  'GET /api/v1/workers/me/claimable': { expect: roles(['worker']) },
  'POST /api/v1/workers/me/claim': {
    expect: roles(['worker']),
    // Claiming the record one already holds answers it again (200); anyone else's number is 404 or 409.
    request: async (c) => {
      await regrantConsent(c);
      const r = c.caller === 'otherWorker' ? c.w.registrations.otherWorker : c.w.registrations.worker;
      return { body: { idNumber: r.idNumber, phone: r.phone } };
    },
  },
  'POST /api/v1/workers': {
    // Broker and staff of county A enter someone there; staff of county B may not (403 out of scope).
    expect: roles(['broker', 'staff'], { otherStaff: 403 }),
    request: () => ({ body: registrationInput({ householdRegionCode: VILLAGE_A }) }),
  },
  'GET /api/v1/staff/ownership-conflicts': { expect: roles(STAFF) },
  'POST /api/v1/staff/ownership-conflicts/:id/decision': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: async (c) => {
      const record = await Worker.findById(c.w.workerRecordId).lean<WorkerRecord>().exec();
      if (!record) throw new Error('no worker record');
      const conflict = await OwnershipConflict.create({
        workerId: record._id,
        claimantLoginId: new Types.ObjectId(),
        fields: { idIndex: record.idIndex, idEnc: record.idEnc, name: '认领人', phoneIndex: record.phoneIndex, phoneEnc: record.phoneEnc },
        regionCode: record.household.regionCode,
        countyCode: record.household.countyCode,
      });
      return { params: { id: conflict._id.toHexString() }, body: { action: 'refuse', reason: '核验不是本人' } };
    },
  },
  'GET /api/v1/workers/:id': {
    expect: roles(['broker', 'staff', 'admin'], { otherBroker: 404, otherStaff: 404 }),
    request: (c) => ({ params: { id: c.w.brokerPersonId } }),
  },

  // ---- brokers ----
  'POST /api/v1/brokers/applications': {
    expect: roles(['worker']),
    request: () => ({
      body: {
        name: '白海龙',
        idNumber: registrationInput().idNumber,
        phone: phoneFor(),
        villageCode: VILLAGE_A,
        serviceAreaCode: COUNTY_A,
        experience: '组织本村劳务输出五年',
        username: `bk${randomBytes(4).toString('hex')}`,
        password: 'Broker123!',
      },
    }),
    alsoOk: [{ status: 409, why: 'one application per worker; the world workers applied already' }],
  },
  'GET /api/v1/brokers/applications/me': { expect: roles(['worker']) },
  'GET /api/v1/brokers': { expect: roles(STAFF) },
  'GET /api/v1/brokers/me/home': { expect: roles(['broker']) },
  'GET /api/v1/brokers/me/people': { expect: roles(['broker']) },
  'POST /api/v1/brokers/me/people': {
    expect: roles(['broker']),
    request: () => ({ body: { consent: { given: true, method: 'in_person' }, registration: registrationInput() } }),
  },
  'GET /api/v1/brokers/me/people/:id': { expect: roles(['broker'], { otherBroker: 404 }), request: (c) => ({ params: { id: c.w.brokerPersonId } }) },
  'GET /api/v1/brokers/me/imports/template': { expect: roles(['broker']), request: () => ({ query: { format: 'csv' } }) },
  'POST /api/v1/brokers/me/imports': { expect: roles(['broker']), request: () => ({ file: csvImport() }) },
  'GET /api/v1/brokers/me/imports': { expect: roles(['broker']) },
  'GET /api/v1/brokers/me/imports/:id': { expect: roles(['broker'], { otherBroker: 404 }), request: (c) => ({ params: { id: c.w.importId } }) },
  'GET /api/v1/brokers/me/teams': { expect: roles(['broker']) },
  'POST /api/v1/brokers/me/teams': {
    expect: roles(['broker']),
    request: (c) => ({ body: { name: `联队${randomBytes(2).toString('hex')}`, jobId: c.w.jobId, memberIds: [] } }),
  },
  'GET /api/v1/brokers/me/teams/:id': { expect: roles(['broker'], { otherBroker: 404 }), request: (c) => ({ params: { id: c.w.teamId } }) },
  'POST /api/v1/brokers/me/teams/:id/members': {
    expect: roles(['broker'], { otherBroker: 404 }),
    request: async (c) => ({ params: { id: c.w.teamId }, body: { workerIds: [await enrolByBroker(c.http, c.w.subjects.broker)] } }),
  },
  'POST /api/v1/brokers/me/teams/:id/application': {
    expect: roles(['broker'], { otherBroker: 404 }),
    request: async (c) => ({
      params: { id: c.caller === 'broker' ? await createTeam(c.http, c.w.subjects.broker, c.w.jobId, [c.w.brokerPersonId]) : c.w.teamId },
    }),
  },
  'POST /api/v1/brokers/me/teams/:id/stages': {
    expect: roles(['broker'], { otherBroker: 404 }),
    request: async (c) => ({ params: { id: c.caller === 'broker' ? await appliedTeam(c) : c.w.teamId }, body: { stage: 'hired', on: day(-1) } }),
  },
  'GET /api/v1/brokers/me/subsidies': { expect: roles(['broker']) },
  'POST /api/v1/brokers/me/subsidies/:id/claim': {
    expect: roles(['broker'], { otherBroker: 404 }),
    request: async (c) => ({ params: { id: await entitlement(c.w, 'open') } }),
  },
  'GET /api/v1/brokers/teams': { expect: roles(STAFF) },
  'POST /api/v1/brokers/teams/:id/stages/:stageId/confirmation': {
    expect: roles(STAFF, { otherStaff: 404 }),
    // Each allowed caller confirms a fresh stage; the other county's staff tries the world's.
    request: async (c) => {
      if (c.caller === 'staff' || c.caller === 'admin') {
        const teamId = await appliedTeam(c);
        const res = await c.http().post(`/api/v1/brokers/me/teams/${teamId}/stages`).set(c.w.subjects.broker.header).send({ stage: 'hired', on: day(-1) });
        const stages = (res.body as { stages?: Array<{ id: string }> }).stages ?? [];
        return { params: { id: teamId, stageId: stages[stages.length - 1]?.id ?? '' }, body: { note: '已核实' } };
      }
      return { params: { id: c.w.teamId, stageId: c.w.stageId }, body: { note: '已核实' } };
    },
  },
  'GET /api/v1/brokers/:id': { expect: roles(STAFF, { otherStaff: 404 }), request: (c) => ({ params: { id: c.w.brokerProfileId } }) },
  'POST /api/v1/brokers/:id/decisions': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: async (c) => {
      const applicant = await signInAs('worker');
      const id = c.caller === 'otherStaff' ? c.w.brokerProfileId : await applyAsBroker(c.http, applicant);
      return { params: { id }, body: { action: 'certify', reason: '材料齐全，符合条件' } };
    },
  },

  // ---- subsidies ----
  'GET /api/v1/subsidy-rules': { expect: roles(ANY), request: () => ({ query: { regionCode: COUNTY_A } }) },
  'PUT /api/v1/subsidy-rules/:key': {
    // A rule for county A: staff of county B may not write it (403 out of scope).
    expect: roles(STAFF, { otherStaff: 403 }),
    request: (c) => ({ params: { key: c.w.subsidyRule.key }, body: c.w.subsidyRule.input }),
  },
  'GET /api/v1/subsidies': { expect: roles(STAFF) },
  'GET /api/v1/subsidies/export': { expect: roles(STAFF), request: () => ({ query: { from: day(-30), to: day(0) } }) },
  'GET /api/v1/subsidies/ready-to-pay': { expect: roles(STAFF) },
  'GET /api/v1/workers/me/grants': { expect: roles(['worker']) },
  'POST /api/v1/workers/me/grants/:id/claim': {
    expect: roles(['worker'], { otherWorker: 404 }),
    request: async (c) => ({ params: { id: await workerGrant(c.w) } }),
  },
  'POST /api/v1/subsidies/:id/decisions': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: async (c) => ({ params: { id: await entitlement(c.w, 'claimed') }, body: { action: 'approve', reason: '材料齐全' } }),
  },

  // ---- complaints ----
  'POST /api/v1/complaints': { expect: roles(['worker']), request: () => ({ body: complaintInput() }) },
  'GET /api/v1/complaints': { expect: roles(['worker', 'intake']) },
  'GET /api/v1/complaints/:id': {
    expect: roles(['worker', 'intake'], { otherWorker: 404, otherIntake: 404 }),
    request: (c) => ({ params: { id: c.w.complaintId } }),
  },
  'POST /api/v1/complaints/:id/evidence': {
    expect: roles(['worker'], { otherWorker: 404 }),
    request: async (c) => ({ params: { id: c.caller === 'worker' ? await freshComplaint(c) : c.w.complaintId }, file: png }),
  },
  'POST /api/v1/complaints/:id/supplements': {
    expect: roles(['worker'], { otherWorker: 404 }),
    request: async (c) => ({ params: { id: c.caller === 'worker' ? await freshComplaint(c) : c.w.complaintId }, body: { item: 'mainContractor', name: '某建工集团' } }),
  },
  'GET /api/v1/complaints/:id/evidence/:fileId': {
    expect: roles(['worker', 'intake'], { otherWorker: 404, otherIntake: 404 }),
    request: (c) => ({ params: { id: c.w.complaintId, fileId: c.w.evidenceFileId } }),
  },
  'POST /api/v1/complaints/:id/decisions': {
    expect: roles(['intake'], { otherIntake: 404 }),
    request: async (c) => ({ params: { id: await freshComplaint(c) }, body: { action: 'accept' } }),
  },

  // ---- jobs and applications ----
  'GET /api/v1/jobs': { expect: open() },
  'GET /api/v1/jobs/recommended': { expect: roles(['worker']) },
  'GET /api/v1/jobs/:id': { expect: open(), request: (c) => ({ params: { id: c.w.jobId } }) },
  'GET /api/v1/jobs/:id/fit': { expect: roles(['worker']), request: (c) => ({ params: { id: c.w.jobId } }) },
  'POST /api/v1/jobs/:id/applications': { expect: roles(['worker']), request: async () => ({ params: { id: await freshJob() }, body: {} }) },
  'POST /api/v1/jobs/:id/reports': {
    expect: roles(['worker']),
    request: async () => ({ params: { id: await freshJob() }, body: { reason: 'charges_fees', note: '收取报名费' } }),
  },
  'GET /api/v1/job-reports/mine': { expect: roles(['worker']) },
  // The job's county handles a report; another county's staff do not see it.
  'GET /api/v1/staff/job-reports': { expect: roles(['staff', 'admin']) },
  'POST /api/v1/staff/job-reports/:id/actions': {
    expect: roles(['staff', 'admin'], { otherStaff: 404 }),
    request: async (c) => ({ params: { id: await freshJobReport(c) }, body: { action: 'dismiss', reason: '核实无问题' } }),
  },
  'GET /api/v1/applications': { expect: roles(['worker']) },
  'POST /api/v1/applications/:id/withdraw': {
    expect: roles(['worker'], { otherWorker: 404 }),
    request: async (c) => ({ params: { id: c.caller === 'worker' ? await applyToJob(c.http, c.w.subjects.worker, await freshJob()) : c.w.applicationId } }),
  },

  // ---- training ----
  'GET /api/v1/courses': { expect: open() },
  'GET /api/v1/courses/:id': { expect: open(), request: (c) => ({ params: { id: c.w.courseId } }) },
  'POST /api/v1/courses/:id/enrollments': { expect: roles(['worker']), request: async () => ({ params: { id: await openCourse() }, body: {} }) },
  'GET /api/v1/enrollments': { expect: roles(['worker']) },
  'POST /api/v1/enrollments/:id/cancel': {
    expect: roles(['worker'], { otherWorker: 404 }),
    request: async (c) => ({ params: { id: c.caller === 'worker' ? await enrolInCourse(c.http, c.w.subjects.worker, await openCourse()) : c.w.enrollmentId } }),
  },

  // ---- staff moving applications and sign-ups forward (county-scoped; a fresh one per allowed caller) ----
  'GET /api/v1/staff/applications': { expect: roles(STAFF, { otherStaff: 404 }), request: (c) => ({ query: { jobId: c.w.jobId } }) },
  'POST /api/v1/staff/applications/:id/status': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: async (c) => ({
      params: { id: c.caller === 'otherStaff' ? c.w.applicationId : await applyToJob(c.http, c.w.subjects.worker, await freshJob()) },
      body: { to: 'contacted' },
    }),
  },
  'POST /api/v1/staff/applications/:id/reveal-phone': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: (c) => ({ params: { id: c.w.applicationId }, body: { reason: '电话通知面试时间' } }),
  },
  'GET /api/v1/staff/enrollments': { expect: roles(STAFF, { otherStaff: 404 }), request: (c) => ({ query: { courseId: c.w.courseId } }) },
  'POST /api/v1/staff/enrollments/:id/status': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: async (c) => ({
      params: { id: c.caller === 'otherStaff' ? c.w.enrollmentId : await enrolInCourse(c.http, c.w.subjects.worker, await openCourse()) },
      body: { to: 'confirmed' },
    }),
  },

  // ---- PES connector (admin; status also for staff) ----
  'GET /api/v1/pes/status': { expect: roles(['admin', 'staff']) },
  'GET /api/v1/pes/outbox': { expect: roles(['admin']) },
  'GET /api/v1/pes/dead-letters': { expect: roles(['admin']) },
  'POST /api/v1/pes/dead-letters/:id/retry': {
    expect: roles(['admin']),
    request: (c) => ({ params: { id: c.w.deadLetterId } }),
  },
  'POST /api/v1/pes/dead-letters/retry': { expect: roles(['admin']) },
  'GET /api/v1/pes/rejects': { expect: roles(['admin']) },
  'POST /api/v1/pes/sync/run': {
    expect: roles(['admin']),
    alsoOk: [{ status: 503, why: 'the PES connector is off in tests' }],
  },
  'POST /api/v1/pes/imports': {
    expect: roles(['admin']),
    request: () => ({ query: { kind: 'job', format: 'jsonl' }, raw: { content: Buffer.from('', 'utf8'), contentType: 'application/x-ndjson' } }),
  },

  // ---- audit ----
  'GET /api/v1/audit': { expect: roles(['admin']) },
  'GET /api/v1/staff/notifications': { expect: roles(['admin']) },
  'POST /api/v1/staff/notifications/retry': { expect: roles(['admin']) },

  // ---- staff accounts and settings (admin) ----
  'GET /api/v1/staff/accounts': { expect: roles(['admin']) },
  'POST /api/v1/staff/accounts': {
    expect: roles(['admin']),
    request: () => ({ body: { username: `st${randomBytes(4).toString('hex')}`, displayName: '新同事', role: 'staff', regionScope: COUNTY_A, password: 'Staff12345!' } }),
  },
  'PATCH /api/v1/staff/accounts/:id': {
    expect: roles(['admin']),
    request: (c) => ({ params: { id: c.w.subjects.otherStaff.subjectId }, body: { displayName: '其他旗县同事', reason: '更正姓名' } }),
  },
  'GET /api/v1/staff/sign-in-delays': { expect: roles(['admin']) },
  'DELETE /api/v1/staff/sign-in-delays/:id': {
    expect: roles(['admin']),
    request: async () => {
      const username = `guessed${randomBytes(4).toString('hex')}`;
      const now = new Date();
      await SignInFailure.create({ _id: `account:${username}`, kind: 'account', label: username, failures: 6, blockedUntil: new Date(now.getTime() + 60_000), lastFailureAt: now, expiresAt: new Date(now.getTime() + 86_400_000) });
      return { params: { id: `account:${username}` } };
    },
  },
  'GET /api/v1/staff/settings/:regionCode': {
    expect: roles(['staff', 'intake', 'admin'], { otherStaff: 404, otherIntake: 404 }),
    request: () => ({ params: { regionCode: COUNTY_A } }),
  },
  'PUT /api/v1/staff/settings/:regionCode': {
    expect: roles(['admin']),
    request: () => ({ params: { regionCode: COUNTY_A }, body: { intake: { dueSoonDays: 3 }, reason: '调整临期天数' } }),
  },

  // ---- intake (arbitration green channel) ----
  'GET /api/v1/intake/queue': { expect: roles(['intake', 'admin']) },
  'GET /api/v1/intake/cases/:id': { expect: roles(['intake', 'admin'], { otherIntake: 404 }), request: (c) => ({ params: { id: c.w.complaintId } }) },
  'POST /api/v1/intake/cases': {
    expect: roles(['intake', 'staff', 'admin'], { otherStaff: 404, otherIntake: 404 }),
    request: (c) => ({
      body: { channel: 'walk_in', workerId: c.w.workerRecordId, oralRecord: '本人来访，口述被拖欠工资。', complaint: complaintInput() },
    }),
  },
  'POST /api/v1/intake/cases/:id/actions': {
    expect: roles(['intake', 'admin'], { otherIntake: 404 }),
    request: async (c) => ({ params: { id: await freshComplaint(c) }, body: { action: 'accept' } }),
  },
  'POST /api/v1/intake/cases/:id/reveal-phone': {
    expect: roles(['intake', 'admin'], { otherIntake: 404 }),
    request: async (c) => ({ params: { id: await freshComplaint(c) }, body: { reason: '电话核实欠薪情况' } }),
  },
  'GET /api/v1/intake/confirmations': { expect: roles(['worker']) },
  'POST /api/v1/intake/confirmations/:id': {
    expect: roles(['worker'], { otherWorker: 404 }),
    request: async (c) => ({ params: { id: c.caller === 'worker' ? await staffFiledComplaint(c) : c.w.staffFiledComplaintId } }),
  },

  // ---- registry (staff; full ID number only through audited reveal) ----
  'GET /api/v1/registry/workers': { expect: roles(STAFF, { otherStaff: 404 }), request: () => ({ query: { regionCode: COUNTY_A } }) },
  'GET /api/v1/registry/workers/:id': { expect: roles(STAFF, { otherStaff: 404 }), request: (c) => ({ params: { id: c.w.workerRecordId } }) },
  'POST /api/v1/registry/workers/:id/outcomes': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: (c) => ({ params: { id: c.w.workerRecordId }, body: { kind: 'returned_home', on: day(0) } }),
  },
  'GET /api/v1/registry/workers/:id/history': { expect: roles(STAFF, { otherStaff: 404 }), request: (c) => ({ params: { id: c.w.workerRecordId } }) },
  'POST /api/v1/registry/workers/:id/reveal': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: (c) => ({ params: { id: c.w.workerRecordId }, body: { reason: '核对社保缴纳信息' } }),
  },
  'POST /api/v1/registry/workers/:id/verify': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: (c) => ({ params: { id: c.w.workerRecordId }, body: { note: '已电话核实' } }),
  },
  'PUT /api/v1/registry/workers/:id/employment': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: (c) => ({ params: { id: c.w.workerRecordId }, body: { status: 'unemployed', unemployedSince: day(-20) } }),
  },
  'POST /api/v1/registry/workers/:id/services': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: (c) => ({ params: { id: c.w.workerRecordId }, body: { kind: 'guidance', note: '职业指导一次' } }),
  },

  // ---- publishing (staff of the region) ----
  'GET /api/v1/staff/employers': { expect: roles(STAFF) },
  'POST /api/v1/staff/employers': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: () => ({
      body: { name: `通辽建工${randomBytes(2).toString('hex')}有限公司`, regionCode: COUNTY_A, industry: '建筑施工', contactName: '周经理', contactPhone: '13900001234' },
    }),
  },
  'PATCH /api/v1/staff/employers/:id': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: (c) => ({ params: { id: c.w.employerId }, body: { description: '长期招工' } }),
  },
  'GET /api/v1/staff/jobs': { expect: roles(STAFF) },
  'POST /api/v1/staff/jobs': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: (c) => ({
      body: {
        employerId: c.w.employerId,
        title: '钢筋工（包吃住）',
        trade: '钢筋工',
        regionCode: COUNTY_A,
        payMinFen: 600_000,
        payMaxFen: 800_000,
        openings: 5,
        contactName: '周经理',
        contactPhone: '13900001234',
      },
    }),
  },
  'PATCH /api/v1/staff/jobs/:id': { expect: roles(STAFF, { otherStaff: 404 }), request: (c) => ({ params: { id: c.w.jobId }, body: { openings: 12 } }) },
  'POST /api/v1/staff/jobs/:id/close': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: async (c) => ({ params: { id: c.caller === 'otherStaff' ? c.w.jobId : await freshJob() } }),
  },
  // Any open job may be pushed to people of one's own region; county A's people are not county B staff's.
  'POST /api/v1/staff/jobs/:id/push': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: (c) => ({ params: { id: c.w.jobId }, body: { regionCode: COUNTY_A, limit: 5 } }),
  },
  'GET /api/v1/staff/courses': { expect: roles(STAFF) },
  'POST /api/v1/staff/courses': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: () => ({
      body: { title: '电工培训班', trade: '电工', provider: '通辽市职业技能培训中心', regionCode: COUNTY_A, mode: 'offline', classHours: 80, seats: 30, startsAt: later(10), endsAt: later(30) },
    }),
  },
  'PATCH /api/v1/staff/courses/:id': { expect: roles(STAFF, { otherStaff: 404 }), request: (c) => ({ params: { id: c.w.courseId }, body: { seats: 40 } }) },
  'POST /api/v1/staff/courses/:id/close': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: async (c) => ({ params: { id: c.caller === 'otherStaff' ? c.w.courseId : await openCourse() } }),
  },
  // A result is recorded for a sign-up in training (state machine): a fresh one per allowed caller.
  'POST /api/v1/staff/courses/:id/results': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: async (c) => {
      if (c.caller === 'otherStaff') return { params: { id: c.w.courseId }, body: { enrollmentId: c.w.enrollmentId, result: 'completed' } };
      const courseId = await openCourse();
      const enrollmentId = await enrolInCourse(c.http, c.w.subjects.worker, courseId);
      await EnrollmentModel.updateOne({ _id: enrollmentId }, { status: 'in_training' }).exec();
      return { params: { id: courseId }, body: { enrollmentId, result: 'completed' } };
    },
  },

  // ---- four-color watch and reports (the caller's region, or a region inside it) ----
  'GET /api/v1/watch/counts': { expect: roles(STAFF, { otherStaff: 404 }), request: () => ({ query: { regionCode: COUNTY_A } }) },
  'POST /api/v1/watch/recompute': { expect: roles(STAFF, { otherStaff: 404 }), request: () => ({ query: { regionCode: COUNTY_A } }) },
  'POST /api/v1/watch/sweep': { expect: roles(['admin']) },
  'GET /api/v1/watch/tasks': { expect: roles(STAFF) },
  'POST /api/v1/watch/tasks/:id/done': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: async (c) => ({ params: { id: await followUpTask(c) }, body: { note: '已电话回访' } }),
    alsoOk: [{ status: 409, why: 'the first allowed caller closed the task already' }],
  },
  'GET /api/v1/reports/indicators': { expect: roles(STAFF, { otherStaff: 404 }), request: () => ({ query: { regionCode: COUNTY_A, period: 'month', on: day(0) } }) },
  'GET /api/v1/reports/indicators.xlsx': { expect: roles(STAFF, { otherStaff: 404 }), request: () => ({ query: { regionCode: COUNTY_A, period: 'month', on: day(0) } }) },
  'GET /api/v1/reports/monthly': { expect: roles(STAFF, { otherStaff: 404 }), request: () => ({ query: { regionCode: COUNTY_A, month: day(0).slice(0, 7) } }) },
  'GET /api/v1/reports/monthly.xlsx': {
    expect: roles(STAFF, { otherStaff: 404 }),
    request: () => ({ query: { regionCode: COUNTY_A, month: day(0).slice(0, 7) } }),
  },
};
