/**
 * The daily watch sweep: every county's people recomputed once a China day, so time alone moves
 * colors (unemployed past N months turns red, a post nearing its end turns yellow). Each county is
 * claimed under a lease in `job_leases` (several BFF instances share the work; a crashed run is
 * taken over once its lease passes) and marked done for the day.
 */
import { randomUUID } from 'node:crypto';
import { Schema, model } from 'mongoose';
import { chinaDateOf } from '@zhuanyi/shared';
import { isDuplicateKeyError } from '../../http/error-handler';
import type { Clock } from '../../security/clock';
import { Worker } from '../workers/worker.model';
import type { WatchService } from './watch.service';

interface LeaseRecord {
  _id: string;
  leaseUntil: Date | null;
  owner: string | null;
  lastRunOn: string | null;
}
const leaseSchema = new Schema<LeaseRecord>(
  { _id: { type: String, required: true }, leaseUntil: { type: Date, default: null }, owner: { type: String, default: null }, lastRunOn: { type: String, default: null } },
  { collection: 'job_leases', versionKey: false },
);
export const JobLeaseModel = model<LeaseRecord>('JobLease', leaseSchema);

const LEASE_MS = 10 * 60_000;

export class WatchSweep {
  private readonly owner = randomUUID();

  constructor(private readonly deps: { clock: Clock; watch: WatchService }) {}

  /** Claims one county for today; false when done today or another holds it. */
  private async claim(county: string, today: string): Promise<boolean> {
    const now = this.deps.clock();
    try {
      const got = await JobLeaseModel.findOneAndUpdate(
        { _id: `watch-sweep:${county}`, lastRunOn: { $ne: today }, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
        { $set: { leaseUntil: new Date(now.getTime() + LEASE_MS), owner: this.owner } },
        { upsert: true, returnDocument: 'after' },
      )
        .lean<LeaseRecord>()
        .exec();
      return got?.owner === this.owner;
    } catch (err: unknown) {
      if (isDuplicateKeyError(err)) return false; // the record exists and is not claimable
      throw err;
    }
  }

  /** Recomputes every county not yet swept today. */
  async runDue(): Promise<{ counties: number; recomputed: number; changed: number }> {
    const today = chinaDateOf(this.deps.clock());
    const counties = ((await Worker.distinct('household.countyCode').exec()) as string[]).sort();
    const out = { counties: 0, recomputed: 0, changed: 0 };
    for (const county of counties) {
      if (!(await this.claim(county, today))) continue;
      const r = await this.deps.watch.recomputeRegion(county);
      await JobLeaseModel.updateOne({ _id: `watch-sweep:${county}`, owner: this.owner }, { $set: { lastRunOn: today, leaseUntil: null } }).exec();
      out.counties += 1;
      out.recomputed += r.recomputed;
      out.changed += r.changed;
    }
    return out;
  }
}
