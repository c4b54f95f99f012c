/**
 * The world the authorization matrix runs in: one subject per caller, and resources each one
 * owns, created through the API the way people create them (so ownership and region are real).
 *
 * County A (150521) holds every owned resource; "other" callers are the same role without the
 * ownership (another worker, another broker) or in county B (150522: other staff, other intake officer).
 */
import { randomBytes } from 'node:crypto';
import type { Test } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { idNumberCheckChar, regionCodePath, type WorkerRegistrationInput } from '@zhuanyi/shared';
import { signInAs, type TestSubject } from '../../test-support/auth';
import { buildEmployer, buildJob } from '../../test-support/factories';
import { Course } from '../../modules/courses/course.model';
import { PesOutbox } from '../../integrations/pes/pes.models';
import { DEFAULT_SUBSIDY_RULES } from '../../modules/subsidies/default-rules';

export const COUNTY_A = '150521';
export const COUNTY_B = '150522';
export const VILLAGE_A = '150521100201';
export const VILLAGE_A2 = '150521100200';
export const VILLAGE_B = '150522100003';

export const CALLERS = ['anonymous', 'worker', 'otherWorker', 'broker', 'otherBroker', 'staff', 'otherStaff', 'intake', 'otherIntake', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];
export type SignedInCaller = Exclude<Caller, 'anonymous'>;

let person = 0;
/** A valid, unique 18-digit ID number of someone born in 1980s in `county`. */
export function idNumberFor(county: string = COUNTY_A): string {
  person += 1;
  const day = new Date(Date.UTC(1980, 0, 1) + ((process.pid * 31 + person * 97) % 3650) * 86_400_000);
  const birth = day.toISOString().slice(0, 10).replace(/-/g, '');
  const seq = String(100 + (person % 800)).padStart(3, '0');
  const first17 = `${county}${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/** A unique mobile phone number. */
export function phoneFor(): string {
  return `139${String(10_000_000 + ((process.pid * 7919 + person++ * 104_729) % 89_999_999)).slice(-8)}`;
}

export function registrationInput(over: Partial<WorkerRegistrationInput> = {}): WorkerRegistrationInput {
  return {
    name: '包金山',
    idNumber: idNumberFor(),
    ethnicity: '蒙古族',
    phone: phoneFor(),
    education: 'junior',
    householdRegionCode: VILLAGE_A,
    householdGroup: '三组',
    keyGroups: [],
    mobility: 'can_travel_far',
    skills: [],
    certificates: [],
    jobIntention: { wantsJob: true, trades: ['电焊工'], locations: [], expectedMonthlyPayFen: null },
    trainingIntention: { wantsTraining: true, trades: ['电焊工'] },
    employment: { status: 'unemployed', destination: null },
    entrepreneurship: { active: false },
    ...over,
  };
}

export const idempotencyKey = (): string => `k-${randomBytes(8).toString('hex')}`;

/** A bank card number that passes the Luhn check. */
export function bankCardNumber(prefix = '622202'): string {
  let body = prefix;
  while (body.length < 18) body += String(Math.floor(Math.random() * 10));
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

export function complaintInput(bankCard?: string): Record<string, unknown> {
  return {
    caseType: 'construction',
    respondent: { kind: 'foreman', name: '王包工', phone: phoneFor() },
    project: { name: '幸福小区二期', regionCode: COUNTY_A },
    workPeriod: { from: '2026-03-01', to: '2026-06-30' },
    amountOwedYuan: '12000',
    coWorkersOwed: 2,
    demands: ['pay_wages'],
    ...(bankCard ? { bankCard: { cardNumber: bankCard, bankName: '农业银行', holderName: '包金山' } } : {}),
  };
}

type Http = () => TestAgent<Test>;

/** A 1×1 PNG (evidence is checked by content). */
export const TINY_PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
  'hex',
);

export interface World {
  subjects: Record<SignedInCaller, TestSubject>;
  /** The registration of each worker. */
  workerRecordId: string;
  otherWorkerRecordId: string;
  /** A person the broker enrolled (county A). */
  brokerPersonId: string;
  otherBrokerPersonId: string;
  complaintId: string;
  jobId: string;
  employerId: string;
  courseId: string;
  applicationId: string;
  enrollmentId: string;
  teamId: string;
  /** The world worker's application to become a broker (county A), still pending. */
  brokerProfileId: string;
  /** A registration in county B. */
  countyBWorkerId: string;
  /** What each world worker registered with (their own ID number and phone). */
  registrations: { worker: WorkerRegistrationInput; otherWorker: WorkerRegistrationInput };
  importId: string;
  /** A recorded (unconfirmed) stage of the team. */
  stageId: string;
  evidenceFileId: string;
  /** A complaint intake staff filed for the world worker, waiting for their confirmation. */
  staffFiledComplaintId: string;
  /** A county A subsidy rule as saved (to PUT back). */
  subsidyRule: { key: string; input: object };
  deadLetterId: string;
}

function expectStatus(res: { status: number; body: unknown }, status: number, what: string): void {
  if (res.status !== status) throw new Error(`fixture ${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
}

function idOf(body: unknown, ...path: string[]): string {
  let v: unknown = body;
  for (const p of path) v = v !== null && typeof v === 'object' ? Reflect.get(v, p) : undefined;
  if (typeof v !== 'string') throw new Error(`fixture: no id at ${path.join('.')} in ${JSON.stringify(body)}`);
  return v;
}

/** Signs in a worker and registers them (PUT /workers/me); answers the subject with its workerId. */
export async function registeredWorker(
  http: Http,
  over: Partial<WorkerRegistrationInput> = {},
): Promise<{ subject: TestSubject; workerId: string; registration: WorkerRegistrationInput }> {
  const phone = over.phone ?? phoneFor();
  const login = await signInAs('worker', { phone });
  const registration = registrationInput({ ...over, phone });
  const res = await http().put('/api/v1/workers/me').set(login.header).set('Idempotency-Key', idempotencyKey()).send(registration);
  if (res.status !== 200 && res.status !== 201) throw new Error(`fixture register: ${res.status} ${JSON.stringify(res.body)}`);
  const workerId = idOf(res.body, 'worker', 'id');
  return { subject: { ...login, auth: { ...login.auth, workerId } }, workerId, registration };
}

export async function enrolByBroker(http: Http, broker: TestSubject, village = VILLAGE_A): Promise<string> {
  const res = await http()
    .post('/api/v1/brokers/me/people')
    .set(broker.header)
    .set('Idempotency-Key', idempotencyKey())
    .send({ consent: { given: true, method: 'in_person' }, registration: registrationInput({ householdRegionCode: village }) });
  if (res.status !== 200 && res.status !== 201) throw new Error(`fixture enrol: ${res.status} ${JSON.stringify(res.body)}`);
  return idOf(res.body, 'worker', 'id');
}

export async function fileComplaint(http: Http, worker: TestSubject, bankCard?: string): Promise<string> {
  const res = await http().post('/api/v1/complaints').set(worker.header).set('Idempotency-Key', idempotencyKey()).send(complaintInput(bankCard));
  expectStatus(res, 201, 'complaint');
  return idOf(res.body, 'id');
}

export async function openCourse(regionCode = COUNTY_A): Promise<string> {
  const day = 86_400_000;
  const course = await Course.create({
    title: `电焊工培训${randomBytes(2).toString('hex')}`,
    trade: '电焊工',
    provider: '通辽市职业技能培训中心',
    regionCode,
    regionName: '科尔沁左翼中旗',
    regionPath: regionCodePath(regionCode),
    mode: 'offline',
    classHours: 120,
    subsidized: true,
    seats: 30,
    startsAt: new Date(Date.now() + 10 * day),
    endsAt: new Date(Date.now() + 40 * day),
    place: '保康镇职教中心',
  });
  return course._id.toHexString();
}

export async function applyToJob(http: Http, worker: TestSubject, jobId: string): Promise<string> {
  const res = await http().post(`/api/v1/jobs/${jobId}/applications`).set(worker.header).set('Idempotency-Key', idempotencyKey()).send({});
  if (res.status !== 200 && res.status !== 201) throw new Error(`fixture apply: ${res.status} ${JSON.stringify(res.body)}`);
  return idOf(res.body, 'application', 'id');
}

export async function enrolInCourse(http: Http, worker: TestSubject, courseId: string): Promise<string> {
  const res = await http().post(`/api/v1/courses/${courseId}/enrollments`).set(worker.header).set('Idempotency-Key', idempotencyKey()).send({});
  if (res.status !== 200 && res.status !== 201) throw new Error(`fixture enrol course: ${res.status} ${JSON.stringify(res.body)}`);
  return idOf(res.body, 'enrollment', 'id');
}

export async function createTeam(http: Http, broker: TestSubject, jobId: string, memberIds: string[]): Promise<string> {
  const res = await http()
    .post('/api/v1/brokers/me/teams')
    .set(broker.header)
    .set('Idempotency-Key', idempotencyKey())
    .send({ name: `联队${randomBytes(2).toString('hex')}`, jobId, memberIds });
  expectStatus(res, 201, 'team');
  return idOf(res.body, 'id');
}

export async function applyAsBroker(http: Http, worker: TestSubject): Promise<string> {
  const res = await http()
    .post('/api/v1/brokers/applications')
    .set(worker.header)
    .set('Idempotency-Key', idempotencyKey())
    .send({
      name: '白海龙',
      idNumber: idNumberFor(),
      phone: phoneFor(),
      villageCode: VILLAGE_A2,
      serviceAreaCode: COUNTY_A,
      experience: '组织本村劳务输出五年',
      username: `bk${randomBytes(4).toString('hex')}`,
      password: 'Broker123!',
    });
  expectStatus(res, 201, 'broker application');
  return idOf(res.body, 'id');
}

async function waitForImport(http: Http, broker: TestSubject, id: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const res = await http().get(`/api/v1/brokers/me/imports/${id}`).set(broker.header);
    const status: unknown = Reflect.get(res.body as object, 'status');
    if (status !== 'queued' && status !== 'processing') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('fixture: the import did not finish');
}

export async function buildWorld(http: Http): Promise<World> {
  const worker = await registeredWorker(http);
  const otherWorker = await registeredWorker(http);
  const broker = await signInAs('broker', { regionScope: COUNTY_A });
  const otherBroker = await signInAs('broker', { regionScope: COUNTY_A });
  const staff = await signInAs('staff', { regionScope: COUNTY_A });
  const otherStaff = await signInAs('staff', { regionScope: COUNTY_B });
  const intake = await signInAs('intake', { regionScope: COUNTY_A });
  const otherIntake = await signInAs('intake', { regionScope: COUNTY_B });
  const admin = await signInAs('admin');

  const brokerPersonId = await enrolByBroker(http, broker);
  const otherBrokerPersonId = await enrolByBroker(http, otherBroker);
  const countyB = await registeredWorker(http, { householdRegionCode: VILLAGE_B, idNumber: idNumberFor(COUNTY_B) });

  const employer = await buildEmployer({ regionCode: COUNTY_A });
  const job = await buildJob({ employer, regionCode: COUNTY_A });
  const jobId = job._id.toHexString();
  const courseId = await openCourse();

  const complaintId = await fileComplaint(http, worker.subject, bankCardNumber());
  const applicationId = await applyToJob(http, worker.subject, jobId);
  const enrollmentId = await enrolInCourse(http, worker.subject, courseId);
  const teamId = await createTeam(http, broker, jobId, [brokerPersonId]);
  const brokerProfileId = await applyAsBroker(http, worker.subject);
  await applyAsBroker(http, otherWorker.subject);

  const evidence = await http().post(`/api/v1/complaints/${complaintId}/evidence`).set(worker.subject.header).attach('files', TINY_PNG, { filename: '工资条.png', contentType: 'image/png' });
  expectStatus(evidence, 201, 'evidence');
  const files: unknown = Reflect.get(evidence.body as object, 'evidence');
  const first: unknown = Array.isArray(files) ? files[0] : undefined;
  const evidenceFileId = idOf(first, 'id');

  const imported = await http().post('/api/v1/brokers/me/imports').set(broker.header).attach('file', Buffer.from('\ufeff姓名,身份证号\r\n', 'utf8'), { filename: 'people.csv', contentType: 'text/csv' });
  expectStatus(imported, 202, 'import');
  const importId = idOf(imported.body, 'id');
  // Imports run in the background: let it finish so it writes nothing while tests count documents.
  await waitForImport(http, broker, importId);

  const teamApplied = await http().post(`/api/v1/brokers/me/teams/${teamId}/application`).set(broker.header).send({});
  expectStatus(teamApplied, 200, 'team application');
  const staged = await http().post(`/api/v1/brokers/me/teams/${teamId}/stages`).set(broker.header).send({ stage: 'hired', on: new Date().toISOString().slice(0, 10) });
  expectStatus(staged, 201, 'stage');
  const stages: unknown = Reflect.get(staged.body as object, 'stages');
  const lastStage: unknown = Array.isArray(stages) ? stages[stages.length - 1] : undefined;
  const stageId = idOf(lastStage, 'id');

  const filed = await http()
    .post('/api/v1/intake/cases')
    .set(intake.header)
    .set('Idempotency-Key', idempotencyKey())
    .send({ channel: 'walk_in', workerId: worker.workerId, oralRecord: '本人来访，口述被拖欠工资。', complaint: complaintInput() });
  expectStatus(filed, 201, 'staff-filed complaint');
  const staffFiledComplaintId = idOf(filed.body, 'id');

  const tongliao = DEFAULT_SUBSIDY_RULES[0];
  if (!tongliao) throw new Error('fixture: no default subsidy rule');
  const { key: _k, ...ruleFields } = tongliao;
  void _k;
  const subsidyRule = { key: 'authz-county-rule', input: { ...ruleFields, regionCode: COUNTY_A, name: '科左中旗经纪人服务补贴' } };

  const dead = await PesOutbox.findOneAndUpdate({}, { $set: { state: 'dead', deadAt: new Date() } }, { returnDocument: 'after' }).lean();
  if (!dead) throw new Error('fixture: no PES outbox item to dead-letter');

  return {
    subjects: { worker: worker.subject, otherWorker: otherWorker.subject, broker, otherBroker, staff, otherStaff, intake, otherIntake, admin },
    workerRecordId: worker.workerId,
    otherWorkerRecordId: otherWorker.workerId,
    brokerPersonId,
    otherBrokerPersonId,
    complaintId,
    jobId,
    employerId: employer._id.toHexString(),
    courseId,
    applicationId,
    enrollmentId,
    teamId,
    brokerProfileId,
    countyBWorkerId: countyB.workerId,
    registrations: { worker: worker.registration, otherWorker: otherWorker.registration },
    importId,
    stageId,
    evidenceFileId,
    staffFiledComplaintId,
    subsidyRule,
    deadLetterId: String(dead._id),
  };
}
