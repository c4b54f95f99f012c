import { regionCodePath } from '@zhuanyi/shared';
import { Employer, type EmployerRecord } from '../modules/jobs/employer.model';
import { Job, type JobRecord } from '../modules/jobs/job.model';
import { regionFullName } from '../modules/regions/regions.service';

let n = 0;
const next = () => (n += 1);

export type EmployerInput = Partial<Omit<EmployerRecord, '_id'>>;

export async function buildEmployer(overrides: EmployerInput = {}) {
  const i = next();
  return Employer.create({
    name: `测试用工企业${i}有限公司`,
    regionCode: '310115',
    industry: '建筑施工',
    description: '',
    verified: true,
    contactName: '周经理',
    contactPhone: '13900001234',
    ...overrides,
  });
}

export type JobInput = Partial<Omit<JobRecord, '_id' | 'employerId' | 'employerName' | 'employerVerified'>> & {
  employer?: Awaited<ReturnType<typeof buildEmployer>>;
};

/** A saved open job; region fields follow `regionCode`; createdAt can be set. */
export async function buildJob(overrides: JobInput = {}) {
  const { employer: given, ...fields } = overrides;
  const employer = given ?? (await buildEmployer());
  const regionCode = fields.regionCode ?? '310115';
  const createdAt = fields.createdAt ?? new Date();
  const doc = new Job({
    title: `电焊工${next()}`,
    trade: '电焊工',
    regionName: regionFullName(regionCode) ?? regionCode,
    regionPath: regionCodePath(regionCode),
    payMinFen: 600000,
    payMaxFen: 800000,
    mealsAndLodging: true,
    transport: 'point_to_point',
    publicWelfare: false,
    openings: 10,
    deadline: null,
    contactName: '周经理',
    contactPhone: '13900001234',
    ...fields,
    regionCode,
    employerId: employer._id,
    employerName: employer.name,
    employerVerified: employer.verified,
    createdAt,
    updatedAt: createdAt,
  });
  await Job.insertMany([doc], { timestamps: false });
  return doc;
}
