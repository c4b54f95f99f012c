/**
 * Four-color watch over the registry (rules: shared/src/domain/watch-rules.ts, configurable per
 * region). Recomputed when a registration changes (Worker post-save hooks), when staff record
 * employment facts, and when a complaint of the person opens or closes.
 */
import { Types } from 'mongoose';
import { chinaDateOf, t, watchColor, WatchColors, type ComplaintStatus, type MessageKey, type WatchCounts, type WatchRules } from '@zhuanyi/shared';
import type { Clock } from '../../security/clock';
import { ComplaintModel } from '../complaints/complaint.model';
import { findRegion, regionFullName } from '../regions/regions.service';
import { Worker, type WorkerRecord } from '../workers/worker.model';
import { settingsFor } from './region-settings';
import { regionRange } from './scope';

const OPEN: ComplaintStatus[] = ['submitted', 'accepted', 'mediating', 'arbitrating'];

export function watchReasonText(code: string, rules: WatchRules): string {
  return t(`watch.reason.${code}` as MessageKey, {
    months: code === 'long_unemployed_no_income' ? rules.redUnemployedMonths : rules.stableTenureMonths,
    days: code === 'post_ending' ? rules.yellowPostEndingDays : rules.orangeJobEndedDays,
  });
}

/** Region filter on the registry: county field first so the county indexes are used. */
export function householdFilter(code: string): Record<string, unknown> {
  if (code.length < 6) return { 'household.countyCode': regionRange(code) };
  if (code.length === 6) return { 'household.countyCode': code };
  return { 'household.countyCode': code.slice(0, 6), 'household.regionCode': regionRange(code) };
}

export class WatchService {
  constructor(private readonly clock: Clock) {}

  async rulesFor(regionCode: string): Promise<WatchRules> {
    return (await settingsFor(regionCode)).watch;
  }

  private compute(w: WorkerRecord, rules: WatchRules, openComplaint: boolean) {
    return watchColor(
      {
        keyGroups: w.keyGroups,
        status: w.employment.status,
        startedOn: w.employment.destination?.startedOn ?? null,
        endedOn: w.tracking?.endedOn ?? null,
        unemployedSince: w.tracking?.unemployedSince ?? null,
        postEndsOn: w.tracking?.postEndsOn ?? null,
        hasIncome: w.tracking?.hasIncome ?? null,
        openComplaint,
      },
      chinaDateOf(this.clock()),
      rules,
    );
  }

  /** Recomputes one person's color (updateOne: does not fire the change hooks again). */
  async recompute(workerId: string | Types.ObjectId): Promise<void> {
    const w = await Worker.findById(workerId).lean<WorkerRecord>().exec();
    if (!w) return;
    const rules = await this.rulesFor(w.household.regionCode);
    const open = (await ComplaintModel.countDocuments({ workerId: w._id.toHexString(), status: { $in: OPEN } }).exec()) > 0;
    const result = this.compute(w, rules, open);
    await Worker.updateOne({ _id: w._id }, { $set: { watch: { color: result.color, reasons: result.reasons, computedAt: this.clock() } } }, { timestamps: false });
  }

  /** Recomputes everyone in a region (e.g. after the region's rules changed). */
  async recomputeRegion(regionCode: string): Promise<number> {
    const rules = await this.rulesFor(regionCode);
    const rows = await Worker.find(householdFilter(regionCode)).lean<WorkerRecord[]>().exec();
    const withComplaints = new Set(
      (await ComplaintModel.find({ intakeRegionPath: regionCode.slice(0, 6).length === 6 ? regionCode.slice(0, 6) : regionCode, status: { $in: OPEN }, workerId: { $ne: null } }, { workerId: 1 }).lean().exec()).map(
        (c) => c.workerId,
      ),
    );
    const now = this.clock();
    const ops = rows.map((w) => {
      const r = this.compute(w, rules, withComplaints.has(w._id.toHexString()));
      return { updateOne: { filter: { _id: w._id }, update: { $set: { watch: { color: r.color, reasons: r.reasons, computedAt: now } } }, timestamps: false } };
    });
    for (let i = 0; i < ops.length; i += 1000) await Worker.bulkWrite(ops.slice(i, i + 1000), { ordered: false });
    return rows.length;
  }

  /** Counts by village for a county or township (an aggregation on the county+color+village index). */
  async counts(regionCode: string): Promise<WatchCounts> {
    const rules = await this.rulesFor(regionCode);
    const rows = await Worker.aggregate<{ _id: { v: string; c: string }; n: number }>([
      { $match: { ...householdFilter(regionCode), 'watch.color': { $in: [...WatchColors] } } },
      { $group: { _id: { v: '$household.regionCode', c: '$watch.color' }, n: { $sum: 1 } } },
    ]).exec();
    const villages = new Map<string, WatchCounts['villages'][number]>();
    const totals = { red: 0, orange: 0, yellow: 0, green: 0 };
    for (const r of rows) {
      const color = r._id.c as keyof typeof totals;
      const v = villages.get(r._id.v) ?? { regionCode: r._id.v, regionName: findRegion(r._id.v)?.name ?? regionFullName(r._id.v) ?? r._id.v, red: 0, orange: 0, yellow: 0, green: 0 };
      v[color] += r.n;
      totals[color] += r.n;
      villages.set(r._id.v, v);
    }
    const list = [...villages.values()].sort((a, b) => b.red - a.red || b.orange - a.orange || a.regionCode.localeCompare(b.regionCode));
    return { regionCode, totals, villages: list, rules };
  }
}
