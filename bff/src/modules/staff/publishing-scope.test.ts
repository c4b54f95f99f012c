import { ErrorBodySchema } from '@zhuanyi/shared';
import { manualClock } from '../../security/clock';
import { signInAs } from '../../test-support/auth';
import { buildEmployer } from '../../test-support/factories';
import { useTestDb } from '../../test-support/test-db';
import { Job } from '../jobs/job.model';
import { staffApp } from './staff-test-kit';

const db = useTestDb();

const jobFor = (employerId: string) => ({
  employerId,
  title: '钢筋工（长期）',
  trade: '钢筋工',
  regionCode: '150521',
  payMinFen: 600_000,
  payMaxFen: 800_000,
  openings: 5,
  contactName: '周经理',
  contactPhone: '13900001234',
});

describe('publishing a job for an employer', () => {
  it("when county staff publish under another county's employer, then 404 and no job; under their own county's employer it is published", async () => {
    const clock = manualClock('2026-06-01T02:00:00Z');
    const { http } = staffApp(db.database, clock);
    const staff = await signInAs('staff', { regionScope: '150521', clock });
    const elsewhere = await buildEmployer({ regionCode: '652101' }); // 吐鲁番市高昌区
    const local = await buildEmployer({ regionCode: '150521' });

    const refused = await http().post('/api/v1/staff/jobs').set(staff.header).send(jobFor(elsewhere._id.toHexString())).expect(404);
    expect(ErrorBodySchema.parse(refused.body).error.code).toBe('NOT_FOUND');
    expect(await Job.countDocuments({ employerId: elsewhere._id })).toBe(0);

    await http().post('/api/v1/staff/jobs').set(staff.header).send(jobFor(local._id.toHexString())).expect(201);
    expect(await Job.countDocuments({ employerId: local._id })).toBe(1);
  });
});
