/**
 * Consent (PIPL) over HTTP: the privacy notice and sensitive personal information asked
 * separately, recorded with time and notice version; the worker's own registration needs both
 * in force; a withdrawal is recorded and stops registration until consent is given again.
 */
import { randomUUID } from 'node:crypto';
import { ErrorBodySchema, MyConsentsSchema, PRIVACY_NOTICE_VERSION, exampleIdNumber, type WorkerRegistrationInput } from '@zhuanyi/shared';
import { signInAs } from '../../test-support/auth';
import { testApp } from '../../test-support/test-app';
import { useTestDb } from '../../test-support/test-db';

const db = useTestDb();

const registration = (): WorkerRegistrationInput => ({
  name: '巴特尔',
  idNumber: exampleIdNumber('15052119880315123'),
  ethnicity: '蒙古族',
  phone: '13900001234',
  education: 'junior',
  householdRegionCode: '150521100201',
  householdGroup: '三组',
  keyGroups: ['lifted_from_poverty'],
  mobility: 'can_travel_far',
  skills: [],
  jobIntention: { wantsJob: true, trades: ['电焊工'], locations: [] },
  trainingIntention: { wantsTraining: false, trades: [] },
  employment: { status: 'unemployed', destination: null },
});

describe('consent to the privacy notice and to sensitive personal information', () => {
  it('when a worker has not agreed, then registration is refused with a plain reason; after agreeing (recorded with time and version) it is stored', async () => {
    const { http } = testApp(db.database);
    const worker = await signInAs('worker', { consented: false });
    const put = () => http().put('/api/v1/workers/me').set(worker.header).set('Idempotency-Key', randomUUID()).send(registration());

    const refused = await put().expect(403);
    expect(ErrorBodySchema.parse(refused.body).error.fields?.consent).toContain('隐私说明');

    const before = MyConsentsSchema.parse((await http().get('/api/v1/consents/me').set(worker.header).expect(200)).body);
    expect(before).toEqual({ noticeVersion: PRIVACY_NOTICE_VERSION, current: { personal_info: false, sensitive_info: false }, history: [] });

    // Sensitive information alone, without the notice, is not a valid consent.
    await http().post('/api/v1/consents/me').set(worker.header).send({ noticeVersion: PRIVACY_NOTICE_VERSION, purposes: ['sensitive_info'] }).expect(400);
    // An outdated notice is refused: read the new one first.
    await http().post('/api/v1/consents/me').set(worker.header).send({ noticeVersion: '2020-01-01', purposes: ['personal_info'] }).expect(400);

    const granted = MyConsentsSchema.parse(
      (await http().post('/api/v1/consents/me').set(worker.header).send({ noticeVersion: PRIVACY_NOTICE_VERSION, purposes: ['personal_info', 'sensitive_info'] }).expect(200)).body,
    );
    expect(granted.current).toEqual({ personal_info: true, sensitive_info: true });
    expect(granted.history.map((h) => [h.purpose, h.noticeVersion, h.withdrawnAt])).toEqual(
      expect.arrayContaining([
        ['personal_info', PRIVACY_NOTICE_VERSION, null],
        ['sensitive_info', PRIVACY_NOTICE_VERSION, null],
      ]),
    );
    expect(granted.history.every((h) => Math.abs(Date.parse(h.grantedAt) - Date.now()) < 60_000)).toBe(true);
    // Agreeing again records nothing new.
    const again = MyConsentsSchema.parse(
      (await http().post('/api/v1/consents/me').set(worker.header).send({ noticeVersion: PRIVACY_NOTICE_VERSION, purposes: ['personal_info', 'sensitive_info'] }).expect(200)).body,
    );
    expect(again.history).toHaveLength(2);

    await put().expect(200);
  });

  it('when the worker withdraws consent to sensitive information, then the withdrawal is recorded and registration changes are refused until they agree again', async () => {
    const { http } = testApp(db.database);
    const worker = await signInAs('worker');
    const put = () => http().put('/api/v1/workers/me').set(worker.header).set('Idempotency-Key', randomUUID()).send(registration());
    await put().expect(200);

    const withdrawn = MyConsentsSchema.parse((await http().delete('/api/v1/consents/me/sensitive_info').set(worker.header).expect(200)).body);
    expect(withdrawn.current).toEqual({ personal_info: true, sensitive_info: false });
    expect(withdrawn.history.find((h) => h.purpose === 'sensitive_info')?.withdrawnAt).toEqual(expect.any(String));
    await put().expect(403);

    // Withdrawing the privacy notice withdraws everything.
    const all = MyConsentsSchema.parse((await http().delete('/api/v1/consents/me/personal_info').set(worker.header).expect(200)).body);
    expect(all.current).toEqual({ personal_info: false, sensitive_info: false });

    await http().post('/api/v1/consents/me').set(worker.header).send({ noticeVersion: PRIVACY_NOTICE_VERSION, purposes: ['personal_info', 'sensitive_info'] }).expect(200);
    await put().expect(200);
    const history = MyConsentsSchema.parse((await http().get('/api/v1/consents/me').set(worker.header).expect(200)).body).history;
    expect(history).toHaveLength(4);
  });

  it('when someone other than a worker asks, then consent routes are refused', async () => {
    const { http } = testApp(db.database);
    const staff = await signInAs('staff');
    await http().get('/api/v1/consents/me').set(staff.header).expect(403);
    await http().get('/api/v1/consents/me').expect(401);
  });
});
