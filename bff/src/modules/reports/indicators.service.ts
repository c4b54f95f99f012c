/**
 * The seed plans' indicators for a region and a week, month or quarter (definitions and targets
 * as data: shared/src/domain/indicators.ts, region settings). People in work are counted at the
 * period's end from each person's current state (one registry record per person, so nobody is
 * counted twice); run county by county with a leading $match on the county index.
 */
import {
  chinaDateStart,
  INDICATOR_SHARES,
  INDICATOR_TARGET,
  indicatorSpecFor,
  isOutside,
  outsideAreaCode,
  periodWindow,
  t,
  type IndicatorArea,
  type IndicatorKey,
  type IndicatorReport,
  type IndicatorRow,
  type MessageKey,
  type ReportPeriod,
  type YearTargets,
} from '@zhuanyi/shared';
import type { PipelineStage } from 'mongoose';
import type { Clock } from '../../security/clock';
import { Course } from '../courses/course.model';
import { findRegion, regionFullName } from '../regions/regions.service';
import { settingsFor } from '../staff/region-settings';
import { regionRange } from '../staff/scope';
import { EnrollmentModel } from '../training/enrollment.model';
import { COUNTY_VILLAGE_INDEX, Worker, WORK_STATE_GROUPS_INDEX, WORK_STATE_INDEX } from '../workers/worker.model';
import { countiesOf } from './region-counties';

const EMPLOYED = ['employed', 'self_employed', 'public_welfare_post'];
const POOR = new Set(['lifted_from_poverty', 'at_risk_of_poverty']);

interface StockGroup {
  _id: { v: string | null; r: unknown; l: unknown; org: unknown; ny: boolean; np: boolean; late: boolean };
  n: number;
}

interface PoorGroup {
  _id: { v: string | null; late: boolean };
  n: number;
}

type AreaCounts = Omit<IndicatorArea, 'regionCode' | 'regionName' | 'level'>;
const zero = (): AreaCounts => ({ transferredStock: 0, transferredNew: 0, poorTransferred: 0, outOfRegion: 0, inRegion: 0 });

export class IndicatorService {
  constructor(private readonly clock: Clock) {}

  /**
   * People in work (all employed statuses, one pass) by village with the flags the indicators need. Only
   * fields of WORK_STATE_INDEX are read (null and missing alike), so the index answers it without the records.
   */
  private stockPipeline(county: string, regionCode: string, yearStart: string, from: string, to: string): PipelineStage[] {
    const started = '$employment.destination.startedOn';
    const orNull = (path: string) => ({ $ifNull: [path, null] });
    return [
      { $match: { 'household.countyCode': county, 'employment.status': { $in: EMPLOYED }, ...(regionCode.length > 6 ? { 'household.regionCode': regionRange(regionCode) } : {}) } },
      {
        $group: {
          _id: {
            v: orNull('$household.regionCode'),
            r: orNull('$employment.destination.regionCode'),
            l: orNull('$employment.destination.location'),
            org: orNull('$employment.destination.organizedByGovernment'),
            ny: { $gte: [started, yearStart] },
            np: { $gte: [started, from] },
            late: { $gt: [started, to] },
          },
          n: { $sum: 1 },
        },
      },
    ];
  }

  /** Of one status, the 脱贫/监测 people by village (a person in both groups counted once). */
  private poorPipeline(county: string, status: string, regionCode: string, to: string): PipelineStage[] {
    return [
      { $match: { 'household.countyCode': county, 'employment.status': status, keyGroups: { $in: [...POOR] }, ...(regionCode.length > 6 ? { 'household.regionCode': regionRange(regionCode) } : {}) } },
      { $group: { _id: { v: { $ifNull: ['$household.regionCode', null] }, late: { $gt: ['$employment.destination.startedOn', to] } }, n: { $sum: 1 } } },
    ];
  }

  private async trained(regionCode: string, yearStart: string, from: string, to: string) {
    const courses = await Course.find({ regionPath: regionCode }, { _id: 1, classHours: 1 }).lean().exec();
    if (!courses.length) return { year: 0, period: 0, long: 0 };
    const longIds = courses.filter((c) => (c.classHours ?? 0) >= 56).map((c) => c._id);
    const fromAt = chinaDateStart(from);
    const rows = await EnrollmentModel.aggregate<{ _id: string; lastAt: Date; long: boolean }>([
      { $match: { courseId: { $in: courses.map((c) => c._id) }, status: { $in: ['completed', 'failed'] } } },
      { $unwind: '$history' },
      { $match: { 'history.status': { $in: ['completed', 'failed'] }, 'history.at': { $gte: chinaDateStart(yearStart), $lt: new Date(chinaDateStart(to).getTime() + 86_400_000) } } },
      { $group: { _id: '$workerLoginId', lastAt: { $max: '$history.at' }, long: { $max: { $in: ['$courseId', longIds] } } } },
    ]).exec();
    return { year: rows.length, period: rows.filter((r) => r.lastAt >= fromAt).length, long: rows.filter((r) => r.long).length };
  }

  /** `countyTotals`: records per county (with the region's village filter) when the caller has counted them already. */
  async report(regionCode: string, period: ReportPeriod, on: string, countyTotals?: ReadonlyMap<string, number>): Promise<IndicatorReport> {
    const { from, to } = periodWindow(period, on);
    const year = to.slice(0, 4);
    const yearStart = `${year}-01-01`;
    const spec = indicatorSpecFor(regionCode);
    const area = outsideAreaCode(regionCode, spec.outsideLevel);
    const areaName = regionFullName(area) ?? area;
    const villages = new Map<string, AreaCounts>();
    const totals = { ...zero(), newInPeriod: 0, organized: 0 };
    let laborForce = 0;
    const village = (code: string | null) => {
      const key = code ?? '';
      const v = villages.get(key) ?? zero();
      villages.set(key, v);
      return v;
    };
    for (const county of countiesOf(regionCode)) {
      const groups = await Worker.aggregate<StockGroup>(this.stockPipeline(county, regionCode, yearStart, from, to)).hint(WORK_STATE_INDEX).exec();
      for (const g of groups) {
        if (g._id.late) continue; // started after the period: not in work at its end
        const v = village(g._id.v);
        v.transferredStock += g.n;
        if (g._id.ny) v.transferredNew += g.n;
        if (isOutside(area, typeof g._id.r === 'string' ? g._id.r : null, typeof g._id.l === 'string' ? g._id.l : null)) v.outOfRegion += g.n;
        else v.inRegion += g.n;
        if (g._id.np) totals.newInPeriod += g.n;
        if (g._id.org === true) totals.organized += g.n;
      }
      for (const status of EMPLOYED) {
        const poor = await Worker.aggregate<PoorGroup>(this.poorPipeline(county, status, regionCode, to)).hint(WORK_STATE_GROUPS_INDEX).exec();
        for (const g of poor) if (!g._id.late) village(g._id.v).poorTransferred += g.n;
      }
      // Hinted counts: the planner need not size up every county-led index.
      const finer = regionCode.length > 6 ? { 'household.regionCode': regionRange(regionCode) } : {};
      laborForce += countyTotals?.get(county) ?? (await Worker.countDocuments({ 'household.countyCode': county, ...finer }).hint(COUNTY_VILLAGE_INDEX).exec());
      laborForce -= await Worker.countDocuments({ 'household.countyCode': county, 'employment.status': 'not_seeking', ...finer }).hint(WORK_STATE_INDEX).exec();
    }
    for (const v of villages.values()) for (const k of Object.keys(v) as Array<keyof AreaCounts>) totals[k] += v[k];
    const training = await this.trained(regionCode, yearStart, from, to);
    const share = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : 0);
    const values: Record<IndicatorKey, { actual: number; inPeriod: number | null }> = {
      transferredStock: { actual: totals.transferredStock, inPeriod: null },
      transferredNew: { actual: totals.transferredNew, inPeriod: totals.newInPeriod },
      transferRate: { actual: share(totals.transferredStock, laborForce), inPeriod: null },
      poorTransferred: { actual: totals.poorTransferred, inPeriod: null },
      outOfRegion: { actual: totals.outOfRegion, inPeriod: null },
      inRegion: { actual: totals.inRegion, inPeriod: null },
      governmentOrganizedShare: { actual: share(totals.organized, totals.transferredStock), inPeriod: null },
      trained: { actual: training.year, inPeriod: training.period },
      courses56h: { actual: training.long, inPeriod: null },
    };
    const targets: YearTargets = (await settingsFor(regionCode)).targets[year] ?? {};
    const areaShort = findRegion(area)?.name ?? areaName;
    const indicators: IndicatorRow[] = spec.indicators.map((key) => {
      const targetKey = INDICATOR_TARGET[key];
      const target = targetKey ? (targets[targetKey] ?? null) : null;
      const { actual, inPeriod } = values[key];
      return {
        key,
        name: t(`indicator.${key}.name` as MessageKey, { area: areaShort }),
        definition: t(`indicator.${key}.definition` as MessageKey, { area: areaName }),
        unit: INDICATOR_SHARES.has(key) ? 'share' : 'people',
        actual,
        inPeriod,
        target,
        ratio: target ? Math.round((actual / target) * 1000) / 1000 : null,
      };
    });
    return {
      regionCode,
      regionName: regionFullName(regionCode) ?? regionCode,
      period,
      from,
      to,
      year,
      outsideArea: { code: area, name: areaName },
      indicators,
      areas: this.areas(villages),
      generatedAt: this.clock().toISOString(),
    };
  }

  /** Townships (9-digit codes) with their villages under each, in code order. */
  private areas(villages: Map<string, AreaCounts>): IndicatorArea[] {
    const towns = new Map<string, { counts: AreaCounts; villages: string[] }>();
    for (const [code, v] of villages) {
      const key = code.slice(0, 9);
      const town = towns.get(key) ?? { counts: zero(), villages: [] };
      for (const k of Object.keys(v) as Array<keyof AreaCounts>) town.counts[k] += v[k];
      if (code.length > 9) town.villages.push(code);
      towns.set(key, town);
    }
    // regionFullName finds nothing where findRegion found nothing: one lookup per code.
    const name = (code: string) => findRegion(code)?.name ?? code;
    const out: IndicatorArea[] = [];
    for (const [town, { counts, villages: codes }] of [...towns].sort(([a], [b]) => a.localeCompare(b))) {
      out.push({ regionCode: town, regionName: name(town), level: 'township', ...counts });
      for (const code of codes.sort((a, b) => a.localeCompare(b))) out.push({ regionCode: code, regionName: name(code), level: 'village', ...(villages.get(code) as AreaCounts) });
    }
    return out;
  }
}
