import { regionCodePath, type Region } from '@zhuanyi/shared';
import { Account } from '../modules/accounts/account.model';
import { hashPassword } from '../modules/accounts/password';
import { Course } from '../modules/courses/course.model';
import { Employer } from '../modules/jobs/employer.model';
import { Job } from '../modules/jobs/job.model';
import { regionRepository } from '../modules/regions/regions.repository';
import { ensureDefaultSubsidyRules } from '../modules/subsidies/subsidies.service';
import { regionFullName } from '../modules/regions/regions.service';
import { markDemoSeeded } from './demo-removal';
import { DEMO_LOGINS, SEED_AREAS, SEED_COURSES, SEED_EMPLOYERS, SEED_JOBS, type DemoLogin } from './demo-data';

const DAY = 24 * 3600_000;

interface AreaCodes {
  county: string;
  township: string;
  village: string;
}

/** The first rural township (乡/镇/苏木) of each seed area's county and its first village. */
export function seedAreaCodes(): AreaCodes[] {
  const repo = regionRepository();
  return SEED_AREAS.map((area) => {
    const townships = repo.childrenOf(area.countyCode);
    const rural = townships.find((t: Region) => /(乡|镇|苏木)$/.test(t.name)) ?? townships[0];
    if (!rural) throw new Error(`No townships for seed area ${area.name} (${area.countyCode})`);
    const village = repo.childrenOf(rural.code)[0];
    if (!village) throw new Error(`No villages for seed township ${rural.name} (${rural.code})`);
    return { county: area.countyCode, township: rural.code, village: village.code };
  });
}

/** `310115`, `area:0`, `area:0:village`, `area:0:township` → a real region code. */
function resolveRegion(ref: string, areas: readonly AreaCodes[]): string {
  const m = /^area:(\d)(?::(township|village))?$/.exec(ref);
  if (!m) return ref;
  const area = areas[Number(m[1])];
  if (!area) throw new Error(`Unknown seed area in ${ref}`);
  return m[2] === 'village' ? area.village : m[2] === 'township' ? area.township : area.county;
}

function regionFields(code: string) {
  const name = regionFullName(code);
  if (!name) throw new Error(`Seed region ${code} is not in the division data`);
  return { regionCode: code, regionName: name, regionPath: regionCodePath(code) };
}

/** Deterministic demo phone numbers (valid format, not real). */
function demoPhone(n: number): string {
  return '139' + String(47_000_000 + n * 7_919).padStart(8, '0').slice(-8);
}

export interface SeedResult {
  seeded: boolean;
  employers: number;
  jobs: number;
  courses: number;
  accounts: number;
}

async function isEmpty(): Promise<boolean> {
  const counts = await Promise.all([Job, Employer, Course, Account].map((m) => m.estimatedDocumentCount()));
  return counts.every((c) => c === 0);
}

/** Fills an empty database with demo data; does nothing when any of its collections has data. */
export async function seedDemoData(now: Date = new Date()): Promise<SeedResult> {
  await ensureDefaultSubsidyRules(); // policy defaults of the seed regions; never overwrites
  if (!(await isEmpty())) return { seeded: false, employers: 0, jobs: 0, courses: 0, accounts: 0 };
  const areas = seedAreaCodes();

  const employerIds = new Map<string, { id: unknown; name: string; verified: boolean }>();
  const employers = await Employer.insertMany(
    SEED_EMPLOYERS.map((e, i) => ({
      name: e.name,
      creditCode: e.creditCode,
      regionCode: resolveRegion(e.region, areas),
      industry: e.industry,
      description: e.description,
      verified: e.verified,
      contactName: e.contactName,
      contactPhone: demoPhone(i),
    })),
  );
  SEED_EMPLOYERS.forEach((e, i) => {
    const doc = employers[i];
    if (doc) employerIds.set(e.key, { id: doc._id, name: doc.name, verified: doc.verified });
  });

  const jobs = SEED_JOBS.map((j, i) => {
    const employer = employerIds.get(j.employer);
    const source = SEED_EMPLOYERS.find((e) => e.key === j.employer);
    if (!employer || !source) throw new Error(`Seed job ${j.title} has unknown employer ${j.employer}`);
    // Newest first in list order; spread over the last weeks.
    const createdAt = new Date(now.getTime() - (i * 13 + 1) * 3600_000);
    return new Job({
      title: j.title,
      trade: j.trade,
      employerId: employer.id,
      employerName: employer.name,
      employerVerified: employer.verified,
      ...regionFields(resolveRegion(j.region, areas)),
      payMinFen: j.payYuan[0] * 100,
      payMaxFen: j.payYuan[1] * 100,
      mealsAndLodging: j.mealsAndLodging,
      transport: j.transport,
      publicWelfare: j.publicWelfare ?? false,
      openings: j.openings,
      deadline: j.deadlineDays === undefined ? null : new Date(now.getTime() + j.deadlineDays * DAY),
      description: j.description,
      requirements: j.requirements,
      benefits: j.benefits,
      workAddress: regionFullName(resolveRegion(j.region, areas)) ?? '',
      ageMin: j.age?.[0] ?? null,
      ageMax: j.age?.[1] ?? null,
      contactName: source.contactName,
      contactPhone: demoPhone(100 + i),
      createdAt,
      updatedAt: createdAt,
    });
  });
  // timestamps: false keeps the spread-out createdAt above.
  await Job.insertMany(jobs, { timestamps: false });

  await Course.insertMany(
    SEED_COURSES.map((c) => {
      const startsAt = new Date(now.getTime() + c.startInDays * DAY);
      return {
        title: c.title,
        trade: c.trade,
        provider: c.provider,
        ...regionFields(resolveRegion(c.region, areas)),
        mode: c.mode,
        classHours: c.classHours,
        subsidized: c.classHours >= 56,
        seats: c.seats,
        startsAt,
        endsAt: new Date(startsAt.getTime() + c.days * DAY),
        description: c.description,
      };
    }),
  );

  const accounts = await Promise.all(
    DEMO_LOGINS.map(async (login: DemoLogin) => ({
      username: login.username,
      displayName: login.displayName,
      role: login.role,
      regionScope: login.scope === null ? null : resolveRegion(login.scope, areas),
      passwordHash: await hashPassword(login.password),
      certifiedAt: login.certified ? now : null,
    })),
  );
  await markDemoSeeded(now);
  await Account.insertMany(accounts);

  return { seeded: true, employers: employers.length, jobs: jobs.length, courses: SEED_COURSES.length, accounts: accounts.length };
}

/** The demo logins that exist in the database, with their scope's name, for the start-up banner. */
export async function existingDemoLogins(): Promise<Array<DemoLogin & { scopeName: string }>> {
  const found = await Account.find({ username: { $in: DEMO_LOGINS.map((l) => l.username) } })
    .select({ username: 1, regionScope: 1 })
    .lean<Array<{ username: string; regionScope: string | null }>>()
    .exec();
  return DEMO_LOGINS.flatMap((login) => {
    const account = found.find((a) => a.username === login.username);
    if (!account) return [];
    const scopeName = account.regionScope ? (regionFullName(account.regionScope) ?? account.regionScope) : '全部地区';
    return [{ ...login, scopeName }];
  });
}
