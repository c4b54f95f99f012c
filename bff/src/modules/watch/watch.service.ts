/**
 * Four-color watch over the registry (rules: shared/src/domain/watch-rules.ts, configurable per
 * region). Recomputed when a registration changes (Worker post-save hooks), when an import stores
 * many at once, when staff record employment facts or outcomes, when a complaint of the person
 * opens or closes, and every day by the sweep (time alone turns people yellow, orange or red).
 * Each color change becomes a follow-up task for the responsible staff member.
 */
import { Types } from 'mongoose';
import { chinaDateOf, DEFAULT_WATCH_RULES, t, watchColor, WatchColors, type ComplaintStatus, type MessageKey, type WatchCounts, type WatchRules } from '@zhuanyi/shared';
import type { Clock } from '../../security/clock';
import { ComplaintModel } from '../complaints/complaint.model';
import { findRegion, regionFullName } from '../regions/regions.service';
import { Worker, type WorkerRecord } from '../workers/worker.model';
import type { FollowUpService } from './follow-up.service';
import { settingsFor, settingsForMany } from '../staff/region-settings';
import { regionRange } from '../staff/scope';

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

type WatchColorValue = (typeof WatchColors)[number];
const colorOf = (w: Pick<WorkerRecord, 'watch'>): WatchColorValue | null => (w.watch?.color as WatchColorValue | null | undefined) ?? null;

export class WatchService {
  constructor(
    private readonly clock: Clock,
    private readonly followUps?: FollowUpService,
  ) {}

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
    await this.followUps?.onChange({ workerId: w._id, workerName: w.name, regionCode: w.household.regionCode, from: colorOf(w), to: result.color, reasons: result.reasons });
  }

  /** Recomputes everyone in a region (after the region's rules changed, and by the daily sweep). */
  async recomputeRegion(regionCode: string): Promise<{ recomputed: number; changed: number }> {
    const rows = await Worker.find(householdFilter(regionCode)).lean<WorkerRecord[]>().exec();
    return this.recomputeRows(rows);
  }

  /** Recomputes the given people at once (an import's rows). */
  async recomputeMany(ids: readonly Types.ObjectId[]): Promise<{ recomputed: number; changed: number }> {
    if (!ids.length) return { recomputed: 0, changed: 0 };
    const rows = await Worker.find({ _id: { $in: [...ids] } }).lean<WorkerRecord[]>().exec();
    return this.recomputeRows(rows);
  }

  private async recomputeRows(rows: WorkerRecord[]): Promise<{ recomputed: number; changed: number }> {
    const settings = await settingsForMany([...new Set(rows.map((w) => w.household.regionCode))]);
    const rulesBy = new Map([...settings].map(([code, s]) => [code, s.watch]));
    const ids = rows.map((w) => w._id.toHexString());
    const withComplaints = new Set<string>();
    for (let i = 0; i < ids.length; i += 1000) {
      const open = await ComplaintModel.find({ workerId: { $in: ids.slice(i, i + 1000) }, status: { $in: OPEN } }, { workerId: 1 }).lean().exec();
      for (const c of open) if (c.workerId) withComplaints.add(String(c.workerId));
    }
    const now = this.clock();
    const changes: Array<{ w: WorkerRecord; color: WatchColorValue | null; reasons: string[] }> = [];
    const ops = rows.map((w) => {
      const r = this.compute(w, rulesBy.get(w.household.regionCode) as WatchRules, withComplaints.has(w._id.toHexString()));
      if (r.color !== colorOf(w)) changes.push({ w, color: r.color, reasons: r.reasons });
      return { updateOne: { filter: { _id: w._id }, update: { $set: { watch: { color: r.color, reasons: r.reasons, computedAt: now } } }, timestamps: false } };
    });
    for (let i = 0; i < ops.length; i += 1000) await Worker.bulkWrite(ops.slice(i, i + 1000), { ordered: false });
    await this.followUps?.onChanges(changes.map((c) => ({ workerId: c.w._id, workerName: c.w.name, regionCode: c.w.household.regionCode, from: colorOf(c.w), to: c.color, reasons: c.reasons })));
    return { recomputed: rows.length, changed: changes.length };
  }

  /**
   * Counts by village for a county or township (an aggregation on the county+color+village index);
   * for a city or wider region, and for an admin without one (everywhere), by county.
   */
  async counts(regionCode: string | null): Promise<WatchCounts> {
    const rules = regionCode ? await this.rulesFor(regionCode) : { ...DEFAULT_WATCH_RULES };
    const byCounty = regionCode === null || regionCode.length < 6;
    const rows = await Worker.aggregate<{ _id: { v: string; c: string }; n: number }>([
      { $match: { ...(regionCode ? householdFilter(regionCode) : {}), 'watch.color': { $in: [...WatchColors] } } },
      { $group: { _id: { v: byCounty ? '$household.countyCode' : '$household.regionCode', c: '$watch.color' }, n: { $sum: 1 } } },
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
    return { regionCode: regionCode ?? '', totals, villages: list, rules };
  }
}
