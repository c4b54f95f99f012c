/**
 * Monthly report by region (县/市/盟): transfers, registrations, trainings and complaints for the
 * month and the year to date, against the region's yearly targets. Built with aggregation
 * pipelines whose leading $match hits an index, run county by county (the way a sharded cluster
 * would run them by shard key). Each registry record is one person, trainings are counted by
 * distinct person, so nobody is counted twice.
 */
import { Types, type PipelineStage } from 'mongoose';
import { indicatorSpecFor, isOutside, outsideAreaCode, type ComplaintStatus, type MonthlyReport, type ReportPeriod, type YearTargets } from '@zhuanyi/shared';
import type { Clock } from '../../security/clock';
import { ComplaintModel } from '../complaints/complaint.model';
import { Course } from '../courses/course.model';
import { regionFullName } from '../regions/regions.service';
import { CourseMeta } from '../staff/publishing.service';
import { settingsFor } from '../staff/region-settings';
import { regionRange } from '../staff/scope';
import { EnrollmentModel } from '../training/enrollment.model';
import { IndicatorService } from './indicators.service';
import { countiesOf } from './region-counties';

export { countiesOf };
import { COUNTY_CREATED_INDEX, COUNTY_UPDATED_INDEX, COUNTY_VILLAGE_INDEX, Worker, WORK_STATE_INDEX } from '../workers/worker.model';

const EMPLOYED = ['employed', 'self_employed', 'public_welfare_post'];
const SH = 8 * 3600_000;

/** Shanghai month → UTC [start, end), and the year's start. */
export function monthBounds(month: string): { start: Date; end: Date; yearStart: Date; year: string; months: string[] } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return {
    start: new Date(Date.UTC(y, m - 1, 1) - SH),
    end: new Date(Date.UTC(y, m, 1) - SH),
    yearStart: new Date(Date.UTC(y, 0, 1) - SH),
    year: String(y),
    months: Array.from({ length: m }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`),
  };
}

const shMonth = (d: Date) => new Date(d.getTime() + SH).toISOString().slice(0, 7);

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const v = s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return Math.round(v * 10) / 10;
}

/** Transfers of one county grouped by start month and the raw destination fields that decide out/in. */
interface TransferGroup {
  _id: { s: string; r?: unknown; l?: unknown; org?: unknown };
  n: number;
}

interface TransferRow {
  _id: { m: string; out: boolean; org: boolean };
  n: number;
}

export class ReportService {
  private readonly indicators: IndicatorService;

  constructor(private readonly clock: Clock) {
    this.indicators = new IndicatorService(clock);
  }

  /** The indicators for a week, month or quarter. */
  indicatorReport(regionCode: string, period: ReportPeriod, on: string) {
    return this.indicators.report(regionCode, period, on);
  }

  /**
   * Transfers of one county and employment status, year to date, grouped by start date and the raw
   * destination fields (all in WORK_STATE_INDEX, so the index answers it); the month, out/in and
   * organized flags are derived from the (few hundred) groups instead of per person.
   */
  private transferPipeline(county: string, status: string, regionCode: string, from: string, to: string): PipelineStage[] {
    const match: Record<string, unknown> = {
      'household.countyCode': county,
      'employment.status': status,
      'employment.destination.startedOn': { $gte: from, $lte: to },
    };
    if (regionCode.length > 6) match['household.regionCode'] = regionRange(regionCode);
    const orNull = (path: string) => ({ $ifNull: [path, null] });
    return [
      { $match: match },
      {
        $group: {
          _id: {
            s: '$employment.destination.startedOn',
            r: orNull('$employment.destination.regionCode'),
            l: orNull('$employment.destination.location'),
            org: orNull('$employment.destination.organizedByGovernment'),
          },
          n: { $sum: 1 },
        },
      },
    ];
  }

  /** Out of region as the region's indicators define it (e.g. outside the city for Tongliao, outside Tibet for Luolong). */
  private transferRow(g: TransferGroup, area: string): TransferRow {
    const r = typeof g._id.r === 'string' ? g._id.r : null;
    const l = typeof g._id.l === 'string' ? g._id.l : null;
    return { _id: { m: g._id.s.slice(0, 7), out: isOutside(area, r, l), org: g._id.org === true }, n: g.n };
  }

  private async transfers(regionCode: string, month: string, counties: string[]) {
    const { year, months } = monthBounds(month);
    const rows: TransferRow[] = [];
    const area = outsideAreaCode(regionCode, indicatorSpecFor(regionCode).outsideLevel);
    for (const c of counties) {
      for (const status of EMPLOYED) {
        const groups = await Worker.aggregate<TransferGroup>(this.transferPipeline(c, status, regionCode, `${year}-01-01`, `${month}-31`)).hint(WORK_STATE_INDEX).exec();
        for (const g of groups) rows.push(this.transferRow(g, area));
      }
    }
    const sum = (pred: (r: TransferRow) => boolean) => rows.filter(pred).reduce((a, r) => a + r.n, 0);
    const inMonth = (r: TransferRow) => r._id.m === month;
    return {
      month: { total: sum(inMonth), outOfRegion: sum((r) => inMonth(r) && r._id.out), inRegion: sum((r) => inMonth(r) && !r._id.out), governmentOrganized: sum((r) => inMonth(r) && r._id.org) },
      yearToDate: { total: sum(() => true), outOfRegion: sum((r) => r._id.out), inRegion: sum((r) => !r._id.out), governmentOrganized: sum((r) => r._id.org) },
      perMonth: months.map((m) => sum((r) => r._id.m === m)),
    };
  }

  private async registrations(regionCode: string, month: string, counties: string[]) {
    const { start, end } = monthBounds(month);
    const finer = regionCode.length > 6 ? { 'household.regionCode': regionRange(regionCode) } : {};
    let created = 0;
    let updated = 0;
    let total = 0;
    // Per county, for the indicators' labour force (the same count).
    const countyTotals = new Map<string, number>();
    // Hinted: the planner need not size up every county-led index for each count.
    for (const c of counties) {
      created += await Worker.countDocuments({ 'household.countyCode': c, createdAt: { $gte: start, $lt: end }, ...finer }).hint(COUNTY_CREATED_INDEX).exec();
      updated += await Worker.countDocuments({ 'household.countyCode': c, updatedAt: { $gte: start, $lt: end }, createdAt: { $lt: start }, ...finer }).hint(COUNTY_UPDATED_INDEX).exec();
      const n = await Worker.countDocuments({ 'household.countyCode': c, ...finer }).hint(COUNTY_VILLAGE_INDEX).exec();
      countyTotals.set(c, n);
      total += n;
    }
    return { new: created, updated, total, countyTotals };
  }

  private async trainings(regionCode: string, month: string) {
    const { yearStart, end, months } = monthBounds(month);
    const courses = await Course.find({ regionPath: regionCode }, { _id: 1 }).lean().exec();
    const ids = courses.map((c) => c._id);
    const empty = { month: { trained: 0, passed: 0, failed: 0, orderBased: 0 }, yearToDate: { trained: 0, passed: 0 }, perMonth: months.map(() => 0) };
    if (!ids.length) return empty;
    const orderIds = (await CourseMeta.find({ _id: { $in: ids }, orderBased: true }, { _id: 1 }).lean().exec()).map((c) => c._id);
    // One row per person: their last result this year, whether any passed, whether any was order-based.
    const rows = await EnrollmentModel.aggregate<{ _id: string; lastAt: Date; passedAt: Date | null; orderBased: boolean }>([
      { $match: { courseId: { $in: ids }, status: { $in: ['completed', 'failed'] } } },
      { $unwind: '$history' },
      { $match: { 'history.status': { $in: ['completed', 'failed'] }, 'history.at': { $gte: yearStart, $lt: end } } },
      {
        $group: {
          _id: '$workerLoginId',
          lastAt: { $max: '$history.at' },
          passedAt: { $max: { $cond: [{ $eq: ['$history.status', 'completed'] }, '$history.at', null] } },
          orderBased: { $max: { $in: ['$courseId', orderIds] } },
        },
      },
    ]).exec();
    const mm = (d: Date | null) => (d ? shMonth(d) : null);
    const inMonth = rows.filter((r) => mm(r.lastAt) === month);
    return {
      month: {
        trained: inMonth.length,
        passed: inMonth.filter((r) => r.passedAt !== null).length,
        failed: inMonth.filter((r) => r.passedAt === null).length,
        orderBased: inMonth.filter((r) => r.orderBased).length,
      },
      yearToDate: { trained: rows.length, passed: rows.filter((r) => r.passedAt !== null).length },
      perMonth: months.map((m) => rows.filter((r) => mm(r.lastAt) === m).length),
    };
  }

  private async complaints(regionCode: string, month: string) {
    const { start, end, yearStart, months } = monthBounds(month);
    const received = await ComplaintModel.find({ intakeRegionPath: regionCode, receivedAt: { $gte: yearStart, $lt: end } }, { receivedAt: 1 }).lean().exec();
    const accepted = await ComplaintModel.find({ intakeRegionPath: regionCode, acceptedAt: { $gte: start, $lt: end } }, { receivedAt: 1, acceptedAt: 1 }).lean().exec();
    const closedStatus: ComplaintStatus = 'closed';
    const closed = await ComplaintModel.find({ intakeRegionPath: regionCode, closedAt: { $gte: start, $lt: end }, status: closedStatus }, { receivedAt: 1, closedAt: 1, amountRecoveredFen: 1 })
      .lean()
      .exec();
    const days = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 86_400_000;
    return {
      received: received.filter((r) => r.receivedAt >= start).length,
      accepted: accepted.length,
      closed: closed.length,
      amountRecoveredFen: closed.reduce((a, r) => a + (r.amountRecoveredFen ?? 0), 0),
      medianDaysToAccept: median(accepted.map((r) => days(r.receivedAt, r.acceptedAt as Date))),
      medianDaysToClose: median(closed.map((r) => days(r.receivedAt, r.closedAt as Date))),
      perMonth: months.map((m) => received.filter((r) => shMonth(r.receivedAt) === m).length),
    };
  }

  /** Times each part of the report (bench diagnostics). */
  async profile(regionCode: string, month: string): Promise<void> {
    const counties = countiesOf(regionCode);
    const time = async (name: string, f: () => Promise<unknown>) => {
      const t0 = performance.now();
      await f();
      console.log(`[report] ${name}: ${(performance.now() - t0).toFixed(0)} ms`);
    };
    await time('transfers', () => this.transfers(regionCode, month, counties));
    await time('registrations', () => this.registrations(regionCode, month, counties));
    const { start, end } = monthBounds(month);
    const c = counties[0] as string;
    await time('registrations.new (1 county)', () => Worker.countDocuments({ 'household.countyCode': c, createdAt: { $gte: start, $lt: end } }).hint(COUNTY_CREATED_INDEX).exec());
    await time('registrations.updated (1 county)', () => Worker.countDocuments({ 'household.countyCode': c, updatedAt: { $gte: start, $lt: end }, createdAt: { $lt: start } }).hint(COUNTY_UPDATED_INDEX).exec());
    await time('registrations.total (1 county)', () => Worker.countDocuments({ 'household.countyCode': c }).hint(COUNTY_VILLAGE_INDEX).exec());
    await time('trainings', () => this.trainings(regionCode, month));
    await time('complaints', () => this.complaints(regionCode, month));
    await time('indicators', () => this.indicators.report(regionCode, 'month', `${month}-01`));
  }

  async monthly(regionCode: string, month: string): Promise<MonthlyReport> {
    const counties = countiesOf(regionCode);
    const { year, months } = monthBounds(month);
    const transfers = await this.transfers(regionCode, month, counties);
    const { countyTotals, ...registrations } = await this.registrations(regionCode, month, counties);
    const trainings = await this.trainings(regionCode, month);
    const complaints = await this.complaints(regionCode, month);
    const indicators = await this.indicators.report(regionCode, 'month', `${month}-01`, countyTotals);
    const value = (k: string) => indicators.indicators.find((i) => i.key === k)?.actual ?? 0;
    const targets: YearTargets = (await settingsFor(regionCode)).targets[year] ?? {};
    const ytd = transfers.yearToDate;
    const share = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);
    const progress = (actual: number | null, target: number | undefined) => ({
      actual: actual ?? 0,
      target: target ?? null,
      ratio: target && actual !== null ? Math.round((actual / target) * 1000) / 1000 : null,
    });
    const orgShare = share(ytd.governmentOrganized, ytd.total);
    const passRate = share(trainings.month.passed, trainings.month.trained);
    const orderShare = share(trainings.month.orderBased, trainings.month.trained);
    return {
      regionCode,
      regionName: regionFullName(regionCode) ?? regionCode,
      month,
      generatedAt: this.clock().toISOString(),
      transfers: { month: transfers.month, yearToDate: ytd, governmentOrganizedShare: orgShare },
      registrations,
      trainings: { month: trainings.month, yearToDate: trainings.yearToDate, passRate, orderBasedShare: orderShare },
      complaints: {
        received: complaints.received,
        accepted: complaints.accepted,
        closed: complaints.closed,
        amountRecoveredFen: complaints.amountRecoveredFen,
        medianDaysToAccept: complaints.medianDaysToAccept,
        medianDaysToClose: complaints.medianDaysToClose,
      },
      targets: {
        year,
        // The seeds' targets count people in work, not jobs started this year.
        transfers: progress(value('transferredStock'), targets.transfers),
        outOfRegion: progress(value('outOfRegion'), targets.outOfRegion),
        inRegion: progress(value('inRegion'), targets.inRegion),
        governmentOrganizedShare: progress(orgShare, targets.governmentOrganizedShare),
        trainings: progress(trainings.yearToDate.trained, targets.trainings),
        passRate: progress(share(trainings.yearToDate.passed, trainings.yearToDate.trained), targets.passRate),
        orderBasedShare: progress(orderShare, targets.orderBasedShare),
      },
      indicators,
      monthly: months.map((m, i) => ({ month: m, transfers: transfers.perMonth[i] ?? 0, trainings: trainings.perMonth[i] ?? 0, complaints: complaints.perMonth[i] ?? 0 })),
    };
  }
}

export const objectIdOf = (id: string) => new Types.ObjectId(id);
