import type { JobSummary, Region } from '@zhuanyi/shared';

let seq = 0;

/** A job as GET /api/v1/jobs returns it; override what the test is about. */
export function buildJob(overrides: Partial<JobSummary> = {}): JobSummary {
  seq += 1;
  return {
    id: `job-${seq}`,
    title: `招聘熟练电焊工 ${seq}`,
    employerName: '通辽市建工集团有限公司',
    employerVerified: true,
    trade: '电焊工',
    regionCode: '150502',
    regionName: '内蒙古自治区通辽市科尔沁区',
    payMinFen: 650000,
    payMaxFen: 900000,
    mealsAndLodging: true,
    transport: 'point_to_point',
    publicWelfare: false,
    openings: 20,
    deadline: '2026-12-31T15:59:59.000Z',
    createdAt: '2026-11-01T02:00:00.000Z',
    ...overrides,
  };
}

export function buildRegion(code: string, name: string, level: Region['level'], parentCode: string | null): Region {
  return { code, name, level, parentCode };
}
