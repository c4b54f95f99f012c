import { ApplyResultSchema, JobFitSchema, RecommendedJobsResponseSchema } from '@zhuanyi/shared';
import { Types } from 'mongoose';
import { manualClock } from '../../security/clock';
import { signInAs } from '../../test-support/auth';
import { buildJob } from '../../test-support/factories';
import { useTestDb } from '../../test-support/test-db';
import { staffApp, workerDoc } from '../staff/staff-test-kit';
import { Worker } from '../workers/worker.model';

const db = useTestDb();
jest.setTimeout(60_000);

describe('recommendations that respect the person', () => {
  it('when a 61-year-old without certificates asks for recommendations, then jobs whose age range or required certificate exclude them are left out, and applying to one anyway answers a plain warning', async () => {
    const clock = manualClock('2026-06-01T02:00:00Z');
    const { http } = staffApp(db.database, clock);
    const worker = await signInAs('worker', { clock });
    await Worker.collection.insertOne(
      workerDoc({ birthDate: '1965-03-12', ownerLoginId: new Types.ObjectId(worker.subjectId), jobIntention: { wantsJob: true, trades: ['电焊工'], locations: [], expectedMonthlyPayFen: null } }) as never,
    );
    const tooOld = await buildJob({ ageMin: 20, ageMax: 55 });
    const certified = await buildJob({ ageMin: 18, ageMax: 65, requirements: ['持特种作业操作证（焊接与热切割）'] });
    const fits = await buildJob({ ageMin: 18, ageMax: 65, requirements: ['持焊工证优先', '身体健康'] });
    const open = await buildJob({});
    const list = RecommendedJobsResponseSchema.parse((await http().get('/api/v1/jobs/recommended?limit=20').set(worker.header).expect(200)).body);
    const ids = list.items.map((j) => j.id);
    expect(ids).toEqual(expect.arrayContaining([fits._id.toHexString(), open._id.toHexString()]));
    expect(ids).not.toContain(tooOld._id.toHexString());
    expect(ids).not.toContain(certified._id.toHexString());

    // Before applying, the job page asks whether the job's conditions exclude the person.
    const fitOf = (id: Types.ObjectId) => http().get(`/api/v1/jobs/${id.toHexString()}/fit`).set(worker.header).expect(200).then((r) => JobFitSchema.parse(r.body));
    expect((await fitOf(tooOld._id)).warnings).toEqual([{ code: 'age_outside', min: 20, max: 55, age: 61 }]);
    expect((await fitOf(certified._id)).warnings[0]).toMatchObject({ code: 'certificate_required', requirement: expect.stringContaining('持特种作业操作证') });
    expect((await fitOf(fits._id)).warnings).toEqual([]);
    await http().get(`/api/v1/jobs/${new Types.ObjectId().toHexString()}/fit`).set(worker.header).expect(404);

    const applied = ApplyResultSchema.parse((await http().post(`/api/v1/jobs/${tooOld._id.toHexString()}/applications`).set(worker.header).expect(201)).body);
    expect(applied.warnings).toEqual([{ code: 'age_outside', min: 20, max: 55, age: 61 }]);
    const cert = ApplyResultSchema.parse((await http().post(`/api/v1/jobs/${certified._id.toHexString()}/applications`).set(worker.header).expect(201)).body);
    expect(cert.warnings[0]).toMatchObject({ code: 'certificate_required', requirement: expect.stringContaining('持特种作业操作证') });
    const ok = ApplyResultSchema.parse((await http().post(`/api/v1/jobs/${fits._id.toHexString()}/applications`).set(worker.header).expect(201)).body);
    expect(ok.warnings).toEqual([]);
  });
});
