/** Job history and the person's current employment state, stored together. */
import { Types } from 'mongoose';
import type { EmploymentState, HistorySource, OutcomeKind, TravelFacts } from '@zhuanyi/shared';
import { isDuplicateKeyError } from '../../http/error-handler';
import { Worker, type WorkerRecord } from '../workers/worker.model';
import { JobHistoryModel, type JobHistoryRecord } from './job-history.model';

export interface HistoryMeta {
  kind: OutcomeKind | 'registered';
  source: HistorySource;
  on: string;
  sourceRef?: string;
  /** 到岗: distance and mode of the trip. */
  travel?: TravelFacts | null;
  by: string;
  at: Date;
}

export type WorkerState = Pick<WorkerRecord, '_id' | 'household' | 'employment' | 'tracking' | 'keyGroups' | 'name'>;

export const outcomesRepository = {
  async worker(id: Types.ObjectId | string): Promise<WorkerState | null> {
    return Worker.findById(id, { household: 1, employment: 1, tracking: 1, keyGroups: 1, name: 1 }).lean<WorkerState>().exec();
  },

  /** The date of the latest outcome on record (a late confirmation of an older outcome does not overwrite a newer state). */
  async latestOn(workerId: Types.ObjectId): Promise<string | null> {
    const last = await JobHistoryModel.findOne({ workerId, kind: { $ne: 'registered' } }, { on: 1 }).sort({ on: -1, recordedAt: -1 }).lean<Pick<JobHistoryRecord, 'on'>>().exec();
    return last?.on ?? null;
  },

  /** Adds a history entry; false when its sourceRef was recorded before (a repeat). */
  async addEntry(w: WorkerState, state: EmploymentState, meta: HistoryMeta, endedJob: { startedOn: string | null; employerName: string | null } | null): Promise<boolean> {
    const d = state.destination;
    try {
      await JobHistoryModel.create({
        workerId: w._id,
        countyCode: w.household.countyCode,
        kind: meta.kind,
        source: meta.source,
        ...(meta.sourceRef ? { sourceRef: meta.sourceRef } : {}),
        on: meta.on,
        status: state.status,
        location: d?.location ?? null,
        regionCode: d?.regionCode ?? null,
        employerName: d?.employerName ?? endedJob?.employerName ?? null,
        startedOn: d?.startedOn ?? endedJob?.startedOn ?? null,
        endedOn: state.tracking.endedOn,
        organizedByGovernment: d?.organizedByGovernment ?? false,
        travel: meta.travel ? { distanceKm: meta.travel.distanceKm, mode: meta.travel.mode } : null,
        recordedBy: meta.by,
        recordedAt: meta.at,
      });
      return true;
    } catch (err: unknown) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  },

  /** Sets the current state (findOneAndUpdate: the change hooks run, so the watch recomputes). */
  async setState(workerId: Types.ObjectId, state: EmploymentState, hasIncome: boolean | null | undefined, entrepreneurship: boolean): Promise<void> {
    await Worker.findOneAndUpdate(
      { _id: workerId },
      {
        $set: {
          employment: { status: state.status, destination: state.destination },
          tracking: { ...state.tracking, hasIncome: hasIncome ?? null },
          ...(entrepreneurship ? { 'entrepreneurship.active': true, 'entrepreneurship.startedOn': state.destination?.startedOn } : {}),
        },
      },
    ).exec();
  },

  async list(workerId: Types.ObjectId): Promise<JobHistoryRecord[]> {
    return JobHistoryModel.find({ workerId }).sort({ on: -1, recordedAt: -1 }).limit(200).lean<JobHistoryRecord[]>().exec();
  },

  /** Entries for many people at once (imports); repeats are skipped. */
  async addMany(docs: Array<Omit<JobHistoryRecord, '_id'>>): Promise<void> {
    if (!docs.length) return;
    try {
      await JobHistoryModel.insertMany(docs, { ordered: false });
    } catch (err: unknown) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  },
};
