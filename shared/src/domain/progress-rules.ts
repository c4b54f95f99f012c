/**
 * Who may move a job application or a course enrollment to which status: the one state machine
 * for both, used by the BFF (refusing other moves) and the staff pages (offering only these).
 */
import type { ApplicationStatus } from '../schemas/job-application.schema';
import type { EnrollmentStatus } from '../schemas/course.schema';

export type ProgressActor = 'worker' | 'staff';

type Machine<S extends string> = Record<S, ReadonlyArray<{ to: S; by: ProgressActor }>>;

/** 已报名 → 已联系 → 已录用 / 未录用; the worker withdraws (已撤回) until there is an outcome, and may apply again. */
const APPLICATION: Machine<ApplicationStatus> = {
  applied: [
    { to: 'contacted', by: 'staff' },
    { to: 'hired', by: 'staff' },
    { to: 'rejected', by: 'staff' },
    { to: 'withdrawn', by: 'worker' },
  ],
  contacted: [
    { to: 'hired', by: 'staff' },
    { to: 'rejected', by: 'staff' },
    { to: 'withdrawn', by: 'worker' },
  ],
  hired: [],
  rejected: [],
  withdrawn: [{ to: 'applied', by: 'worker' }],
};

/** 已报名 → 已确认 → 培训中 → 已结业 / 未通过; the worker cancels (已取消) before training, and may sign up again. */
const ENROLLMENT: Machine<EnrollmentStatus> = {
  applied: [
    { to: 'confirmed', by: 'staff' },
    { to: 'cancelled', by: 'worker' },
  ],
  confirmed: [
    { to: 'in_training', by: 'staff' },
    { to: 'cancelled', by: 'worker' },
  ],
  in_training: [
    { to: 'completed', by: 'staff' },
    { to: 'failed', by: 'staff' },
  ],
  completed: [],
  failed: [],
  cancelled: [{ to: 'applied', by: 'worker' }],
};

function nextOf<S extends string>(machine: Machine<S>, from: S, by: ProgressActor): S[] {
  return machine[from].filter((m) => m.by === by).map((m) => m.to);
}

function sourcesOf<S extends string>(machine: Machine<S>, to: S, by: ProgressActor): S[] {
  return (Object.keys(machine) as S[]).filter((from) => machine[from].some((m) => m.to === to && m.by === by));
}

export function canMoveApplication(from: ApplicationStatus, to: ApplicationStatus, by: ProgressActor): boolean {
  return nextOf(APPLICATION, from, by).includes(to);
}

/** The statuses `by` may move an application to from `from` (the staff page's buttons). */
export function nextApplicationStatuses(from: ApplicationStatus, by: ProgressActor): ApplicationStatus[] {
  return nextOf(APPLICATION, from, by);
}

/** The statuses from which `by` may move an application to `to` (the BFF's conditional update). */
export function applicationSourcesOf(to: ApplicationStatus, by: ProgressActor): ApplicationStatus[] {
  return sourcesOf(APPLICATION, to, by);
}

export function canMoveEnrollment(from: EnrollmentStatus, to: EnrollmentStatus, by: ProgressActor): boolean {
  return nextOf(ENROLLMENT, from, by).includes(to);
}

export function nextEnrollmentStatuses(from: EnrollmentStatus, by: ProgressActor): EnrollmentStatus[] {
  return nextOf(ENROLLMENT, from, by);
}

export function enrollmentSourcesOf(to: EnrollmentStatus, by: ProgressActor): EnrollmentStatus[] {
  return sourcesOf(ENROLLMENT, to, by);
}

/** An enrollment in one of these holds a seat on the course. */
export function enrollmentHoldsSeat(status: EnrollmentStatus): boolean {
  return status !== 'cancelled';
}
