/** What find-work and complaints read from a worker's registration (实名登记). */
import { ageOn, chinaDateOf, jobFitWarnings, type FitWarning, type JobConditions } from '@zhuanyi/shared';
import { Types } from 'mongoose';
import type { AuthContext } from '../../http/auth';
import { Worker, type WorkerRecord } from '../workers/worker.model';
import type { WorkerFactsSource } from '../complaints/complaints.service';
import type { WorkerProfileSource } from './recommendations';

/** The registration the signed-in worker owns, by the token's workerId or by owner login. */
export async function registrationOf(auth: Pick<AuthContext, 'subjectId' | 'workerId'>): Promise<WorkerRecord | null> {
  if (auth.workerId && Types.ObjectId.isValid(auth.workerId)) {
    const byId = await Worker.findById(auth.workerId).lean<WorkerRecord>().exec();
    if (byId) return byId;
  }
  if (!Types.ObjectId.isValid(auth.subjectId)) return null;
  return Worker.findOne({ ownerLoginId: new Types.ObjectId(auth.subjectId) }).lean<WorkerRecord>().exec();
}

export const registeredWorkerProfiles: WorkerProfileSource = {
  async jobProfileOf(auth) {
    const w = await registrationOf(auth);
    if (!w) return null;
    return {
      trades: w.jobIntention.trades,
      mobility: w.mobility,
      homeRegionCode: w.household.regionCode,
      expectedPayFen: w.jobIntention.expectedMonthlyPayFen ?? null,
      birthDate: w.birthDate,
      certificateCount: w.certificates.length,
    };
  },
};

/** Plain warnings when a job's conditions exclude the signed-in worker (none without a registration). */
/** Codes with parameters: each client renders them in the person's language. */
export async function fitWarningsFor(auth: Pick<AuthContext, 'subjectId' | 'workerId'>, job: JobConditions, now: Date): Promise<FitWarning[]> {
  const w = await registrationOf(auth);
  if (!w) return [];
  return jobFitWarnings(job, { age: ageOn(w.birthDate, chinaDateOf(now)), certificateCount: w.certificates.length });
}

export function registeredWorkerFacts(clock: () => Date): WorkerFactsSource {
  return {
    async factsOf(auth) {
      const w = await registrationOf(auth);
      if (!w) return null;
      return { age: ageOn(w.birthDate, chinaDateOf(clock())), householdRegionCode: w.household.regionCode, keyGroups: w.keyGroups, workerId: w._id.toHexString() };
    },
  };
}
