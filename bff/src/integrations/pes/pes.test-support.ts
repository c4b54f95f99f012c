/** Shared by the PES tests: registrations with distinct valid ID numbers, and waiting. */
import { idNumberCheckChar, type WorkerRegistrationInput } from '@zhuanyi/shared';

/** The n-th distinct valid 身份证号 of a man born in the 1980s in 科左中旗. */
export function idNumberFor(n: number): string {
  const birth = new Date(Date.UTC(1980, 0, 1) + (n % 3000) * 86_400_000);
  const date = `${birth.getUTCFullYear()}${String(birth.getUTCMonth() + 1).padStart(2, '0')}${String(birth.getUTCDate()).padStart(2, '0')}`;
  const seq = String(101 + 2 * Math.floor(n / 3000)).padStart(3, '0'); // odd: male
  const first17 = `150521${date}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

export function registrationFor(n: number, overrides: Partial<WorkerRegistrationInput> = {}): WorkerRegistrationInput {
  return {
    name: '包金山',
    idNumber: idNumberFor(n),
    ethnicity: '蒙古族',
    phone: `1384${String(n).padStart(7, '0')}`,
    education: 'junior',
    householdRegionCode: '150521100201',
    householdGroup: '三组',
    keyGroups: [],
    mobility: 'can_travel_far',
    skills: [{ trade: '电焊工', level: 'level4' }],
    certificates: [],
    jobIntention: { wantsJob: true, trades: ['电焊工'], locations: ['out_of_province'], expectedMonthlyPayFen: 600_000 },
    trainingIntention: { wantsTraining: false, trades: [] },
    employment: { status: 'unemployed', destination: null },
    entrepreneurship: { active: false },
    ...overrides,
  };
}

/** Polls until the check passes (or throws with the last state after timeoutMs). */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, describe: () => string | Promise<string> = () => ''): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs tasks with at most `limit` at once, in order of the list. */
export async function inParallel<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await task(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
