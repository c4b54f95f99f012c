import { isTownshipCode, isVillageCode, JobListResponseSchema } from '@zhuanyi/shared';
import { Account } from '../modules/accounts/account.model';
import { verifyPassword } from '../modules/accounts/password';
import { Course } from '../modules/courses/course.model';
import { Employer } from '../modules/jobs/employer.model';
import { Job } from '../modules/jobs/job.model';
import { regionRepository } from '../modules/regions/regions.repository';
import { testApp } from '../test-support/test-app';
import { useTestDb } from '../test-support/test-db';
import { DEMO_LOGINS, SEED_AREAS } from './demo-data';
import { SubsidyRuleModel } from '../modules/subsidies/subsidy.model';
import { existingDemoLogins, seedAreaCodes, seedDemoData } from './seed';

const db = useTestDb();

describe('demo data', () => {
  it('when the database is empty, then employers, ~40 jobs, courses and the demo accounts are created', async () => {
    const result = await seedDemoData();
    expect(result).toMatchObject({ seeded: true, jobs: 40, accounts: 4 });
    expect(result.employers).toBeGreaterThanOrEqual(24);
    expect(await Job.countDocuments()).toBe(40);
    expect(await Employer.countDocuments()).toBe(result.employers);
    expect(await Course.countDocuments()).toBe(result.courses);

    const jobs = await Job.find().lean().exec();
    expect(jobs.filter((j) => j.publicWelfare).length).toBeGreaterThanOrEqual(3);
    expect(jobs.filter((j) => j.transport === 'point_to_point').length).toBeGreaterThanOrEqual(10);
    const provinces = new Set(jobs.map((j) => j.regionCode.slice(0, 2)));
    for (const p of ['31', '44', '33', '32', '15', '65', '53', '54']) expect(provinces).toContain(p);
    expect(jobs.every((j) => Number.isInteger(j.payMinFen) && j.payMinFen <= j.payMaxFen)).toBe(true);
    // The seed regions' default subsidy rules come with the demo data (Tongliao's are active).
    expect((await SubsidyRuleModel.find({ active: true }).lean().exec()).map((r) => r.key).sort()).toEqual(['tongliao-broker-service', 'tongliao-job-seeking-poor']);
  }, 30_000); // the first test pays for loading the division data and hashing passwords

  it('when seed regions are resolved, then each of the five has a real township and village from the division data', () => {
    const repo = regionRepository();
    const areas = seedAreaCodes();
    expect(areas).toHaveLength(SEED_AREAS.length);
    areas.forEach((a, i) => {
      const seed = SEED_AREAS[i]!;
      expect(a.county.startsWith(seed.gbCode.replace(/0+$/, '').slice(0, 4))).toBe(true);
      expect(isTownshipCode(a.township) && repo.findByCode(a.township)?.parentCode).toBe(a.county);
      expect(isVillageCode(a.village) && repo.findByCode(a.village)?.parentCode).toBe(a.township);
    });
  });

  it('when demo accounts are created, then passwords are hashed, the broker is certified and logins are listed', async () => {
    await seedDemoData();
    for (const login of DEMO_LOGINS) {
      const account = await Account.findOne({ username: login.username }).lean().exec();
      expect(account?.role).toBe(login.role);
      expect(account?.passwordHash).not.toContain(login.password);
      expect(await verifyPassword(login.password, account?.passwordHash ?? '')).toBe(true);
    }
    expect((await Account.findOne({ username: 'broker' }).lean().exec())?.certifiedAt).toBeInstanceOf(Date);
    const listed = await existingDemoLogins();
    expect(listed.map((l) => l.username)).toEqual(DEMO_LOGINS.map((l) => l.username));
    expect(listed.find((l) => l.role === 'staff')?.scopeName).toBe('内蒙古自治区通辽市科尔沁左翼中旗');
  });

  it('when the database already has data, then seeding does nothing', async () => {
    await seedDemoData();
    expect(await seedDemoData()).toMatchObject({ seeded: false });
    expect(await Job.countDocuments()).toBe(40);
  });

  it('when the job list is asked after seeding, then the seeded jobs come back newest first', async () => {
    await seedDemoData();
    const res = await testApp(db.database).http().get('/api/v1/jobs?limit=50').expect(200);
    const body = JobListResponseSchema.parse(res.body);
    expect(body.items).toHaveLength(40);
    const times = body.items.map((j) => j.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(body.items[0]?.title).toBe('电焊工（持证）');
  });
});
