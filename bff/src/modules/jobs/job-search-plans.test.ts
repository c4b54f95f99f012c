/**
 * Every query shape the job search sends is served by an index walk in sort order, on the embedded
 * engine and on MongoDB (MONGODB_URI): checked from explain's winning plan and execution stats, with
 * no hint from the application.
 */
import type { Document } from 'mongodb';
import { Types } from 'mongoose';
import { regionCodePath } from '@zhuanyi/shared';
import { useTestDb } from '../../test-support/test-db';
import { Job, jobDerivedFields } from './job.model';
import { JOB_LIST_SORT, jobQueryFilter, type JobFilter } from './jobs.repository';

useTestDb({ clearBetweenTests: false });

const COUNTIES = ['310115', '310112', '440306', '441900', '150521', '150502', '650421', '532504'];
const TRADES = ['电焊工', '钢筋工', '普工', '家政服务员', '保安员', '分拣员', '厨师', '货车司机'];
const JOBS = 3000;
const at = new Date('2026-06-01T00:00:00Z');

beforeAll(async () => {
  const employerId = new Types.ObjectId();
  const docs = Array.from({ length: JOBS }, (_, i) => {
    const trade = TRADES[(i * 7) % TRADES.length] as string;
    const regionCode = COUNTIES[(i * 3 + Math.floor(i / 11)) % COUNTIES.length] as string;
    const base = {
      title: i % 97 === 0 ? `护林员${i}` : `招聘${trade}`,
      trade,
      employerId,
      employerName: '测试用工单位',
      employerVerified: true,
      regionCode,
      regionName: regionCode,
      regionPath: regionCodePath(regionCode),
      payMinFen: 200000 + (i % 10) * 100000,
      payMaxFen: 400000 + (i % 10) * 100000,
      mealsAndLodging: i % 3 === 0,
      transport: (['none', 'shuttle', 'point_to_point'] as const)[i % 3],
      publicWelfare: i % 20 === 0,
      openings: 5,
      deadline: i % 4 === 0 ? new Date(at.getTime() - 86_400_000) : null,
      status: i % 10 === 0 ? 'closed' : 'open',
      description: '包吃住，按月结算。',
      contactName: '王经理',
      contactPhone: '13900001234',
      createdAt: new Date(at.getTime() - i * 60_000),
      updatedAt: new Date(at.getTime() - i * 60_000),
    };
    return { ...base, ...jobDerivedFields(base) };
  });
  await Job.collection.insertMany(docs);
}, 60_000);

/** The stages of a winning plan, whatever its nesting (classic or slot-based explain). */
function stagesOf(plan: unknown, out: string[] = []): string[] {
  if (Array.isArray(plan)) for (const p of plan) stagesOf(p, out);
  else if (plan && typeof plan === 'object') {
    for (const [k, v] of Object.entries(plan)) {
      if (k === 'stage' && typeof v === 'string') out.push(v);
      else if (k !== 'slotBasedPlan') stagesOf(v, out);
    }
  }
  return out;
}

function indexesOf(plan: unknown, out: string[] = []): string[] {
  if (Array.isArray(plan)) for (const p of plan) indexesOf(p, out);
  else if (plan && typeof plan === 'object') {
    for (const [k, v] of Object.entries(plan)) {
      if (k === 'indexName' && typeof v === 'string') out.push(v);
      else indexesOf(v, out);
    }
  }
  return out;
}

async function explainSearch(filter: Omit<JobFilter, 'openAt'>, after?: { createdAt: Date; id: string }) {
  const res = (await Job.collection.find(jobQueryFilter({ ...filter, openAt: at }, after) as Document, { sort: JOB_LIST_SORT, limit: 21 }).explain('executionStats')) as Document;
  const winning = (res.queryPlanner as Document).winningPlan as Document;
  const stats = res.executionStats as Document;
  return { stages: stagesOf(winning), indexes: indexesOf(winning), docsExamined: Number(stats.totalDocsExamined), returned: Number(stats.nReturned) };
}

const SHAPES: [string, Omit<JobFilter, 'openAt'>][] = [
  ['no filter', {}],
  ['county', { regionCode: '310115' }],
  ['city', { regionCode: '4403' }],
  ['province', { regionCode: '15' }],
  ['village (prefix of a county)', { regionCode: '310115001' }],
  ['trade', { trade: '厨师' }],
  ['county + trade', { regionCode: '440306', trade: '普工' }],
  ['city + trade', { regionCode: '1505', trade: '保安员' }],
  ['province + trade', { regionCode: '65', trade: '分拣员' }],
  ['keyword', { keyword: '家政' }],
  ['keyword + province', { keyword: '护林员', regionCode: '31' }],
  ['two keywords', { keyword: '招聘 司机' }],
  ['keyword without a match', { keyword: '程序员' }],
  ['pay range + meals', { payMinFen: 500000, payMaxFen: 900000, mealsAndLodging: true }],
  ['transport organized + county', { transport: 'organized', regionCode: '150521' }],
  ['public welfare', { publicWelfare: true }],
  ['public welfare + province', { publicWelfare: true, regionCode: '44' }],
];

describe('job search query plans (explain)', () => {
  it.each(SHAPES)('when searching by %s, then one index is walked in sort order (no collection scan, no in-memory sort) and few documents are read', async (_name, filter) => {
    const e = await explainSearch(filter);
    expect(e.stages).toContain('IXSCAN');
    expect(e.stages).not.toContain('COLLSCAN');
    expect(e.stages).not.toContain('SORT');
    // A page of 21 reads a small part of the collection, never the whole of it.
    expect(e.docsExamined).toBeLessThanOrEqual(JOBS / 5);
  });

  it('when a search has region and trade, then the region + trade index serves it; a rare keyword is looked up by its grams', async () => {
    const pair = await explainSearch({ regionCode: '440306', trade: '普工' });
    expect(pair.indexes[0]).toBe('countyCode_1_trade_1_status_1_createdAt_-1__id_-1');
    expect(pair.docsExamined).toBe(pair.returned);
    const rare = await explainSearch({ keyword: '护林员', regionCode: '31' });
    expect(rare.indexes[0]).toBe('searchGrams_1_status_1_createdAt_-1__id_-1');
  });

  it('when the next page is asked, then the walk starts at the cursor instead of reading the first page again', async () => {
    const first = await Job.collection.find(jobQueryFilter({ regionCode: '310115', openAt: at }, undefined) as Document, { sort: JOB_LIST_SORT, limit: 200 }).toArray();
    const cursor = first[first.length - 1] as Document;
    const next = await explainSearch({ regionCode: '310115' }, { createdAt: cursor.createdAt as Date, id: String(cursor._id) });
    expect(next.stages).toContain('IXSCAN');
    expect(next.stages).not.toContain('SORT');
    expect(next.returned).toBeGreaterThan(0);
    expect(next.docsExamined).toBeLessThan(100);
  });
});
