/**
 * Demo accounts in a production database are known passwords to anyone who read the README.
 * Seeding marks the database (`system_markers.demoSeeded`); production refuses to start while the
 * marker or a demo account is there, and `npm run demo:remove` takes both away with the demo
 * employers, their jobs and the demo courses.
 */
import { Account } from '../modules/accounts/account.model';
import { RefreshToken } from '../modules/auth/refresh-token.model';
import { Course } from '../modules/courses/course.model';
import { Employer } from '../modules/jobs/employer.model';
import { Job } from '../modules/jobs/job.model';
import { SystemMarker } from '../modules/system/system-marker.model';
import { DEMO_LOGINS, SEED_COURSES, SEED_EMPLOYERS } from './demo-data';

const demoUsernames = () => DEMO_LOGINS.map((l) => l.username);

export async function markDemoSeeded(now = new Date()): Promise<void> {
  await SystemMarker.updateOne({ _id: 'demoSeeded' }, { $setOnInsert: { at: now } }, { upsert: true }).exec();
}

/** Demo usernames still in the database, or ['(marker)'] when only the seeding mark is left. */
export async function demoAccountsLeft(): Promise<string[]> {
  const [accounts, marker] = await Promise.all([
    Account.find({ username: { $in: demoUsernames() } }).select({ username: 1 }).lean<Array<{ username: string }>>().exec(),
    SystemMarker.findById('demoSeeded').lean().exec(),
  ]);
  if (accounts.length > 0) return accounts.map((a) => a.username).sort();
  return marker ? ['(demo seeding mark)'] : [];
}

export const DEMO_LEFT_MESSAGE = (left: string[]) =>
  `This database was seeded with demo data (${left.join(', ')}): run \`npm run demo:remove\` with the same MONGODB_URI/DATA_DIR before starting with NODE_ENV=production.`;

export interface DemoRemoval {
  accounts: number;
  employers: number;
  jobs: number;
  courses: number;
}

export async function removeDemoData(): Promise<DemoRemoval> {
  const accounts = await Account.find({ username: { $in: demoUsernames() } }).select({ _id: 1 }).lean().exec();
  await RefreshToken.deleteMany({ subjectId: { $in: accounts.map((a) => String(a._id)) } }).exec();
  const removedAccounts = await Account.deleteMany({ _id: { $in: accounts.map((a) => a._id) } }).exec();
  const employers = await Employer.find({ name: { $in: SEED_EMPLOYERS.map((e) => e.name) } }).select({ _id: 1 }).lean().exec();
  const jobs = await Job.deleteMany({ employerId: { $in: employers.map((e) => e._id) } }).exec();
  const removedEmployers = await Employer.deleteMany({ _id: { $in: employers.map((e) => e._id) } }).exec();
  const courses = await Course.deleteMany({ $or: SEED_COURSES.map((c) => ({ title: c.title, provider: c.provider })) }).exec();
  await SystemMarker.deleteOne({ _id: 'demoSeeded' }).exec();
  return { accounts: removedAccounts.deletedCount, employers: removedEmployers.deletedCount, jobs: jobs.deletedCount, courses: courses.deletedCount };
}
