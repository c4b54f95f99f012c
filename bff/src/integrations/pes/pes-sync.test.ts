/**
 * Inbound: jobs and courses pulled from a fake PES over real HTTP, by cursor, upserted by
 * upstream id; withdrawn postings leave the app; malformed records are set aside and reported;
 * two instances syncing at once import each job once. Plus the JSONL and CSV file import.
 */
import { Readable } from 'node:stream';
import { PesRejectListSchema, PesStatusSchema } from '@zhuanyi/shared';
import { createLogger } from '../../logging/logger';
import { Course } from '../../modules/courses/course.model';
import { Job } from '../../modules/jobs/job.model';
import { signInAs } from '../../test-support/auth';
import { testApp } from '../../test-support/test-app';
import { useTestDb } from '../../test-support/test-db';
import { fakeCourseRecord, fakeJobRecord, publishDemoFeed, seededRandom, startFakePes, type FakePes } from './fake-pes-server';
import { importRecordsFile } from './file-import';
import { InboundSync } from './inbound-sync';
import { acquireLease } from './lease';
import { HttpPesAdapter } from './pes.adapter';
import { PesReject, PesSyncState } from './pes.models';

const db = useTestDb();
const logger = createLogger({ level: 'silent' });

function syncFor(pes: FakePes, owner: string, pageSize = 50) {
  return new InboundSync({
    adapter: new HttpPesAdapter({ baseUrl: pes.baseUrl, apiKey: undefined, timeoutMs: 2000 }),
    logger,
    owner,
    leaseMs: 10_000,
    intervalMs: 60_000,
    pageSize,
  });
}

describe('PES inbound sync', () => {
  let pes: FakePes;
  beforeEach(async () => {
    pes = await startFakePes({ random: seededRandom(3) });
  });
  afterEach(async () => {
    await pes.stop();
  });

  it('when one upstream job is malformed, then it is set aside with its reason and reported while the others arrive', async () => {
    for (let i = 1; i <= 10; i += 1) pes.publish('job', fakeJobRecord(`J-${i}`));
    pes.publish('job', fakeJobRecord('J-BAD', { contactPhone: '12345', payMinFen: -1 }));
    pes.publish('job', fakeJobRecord('J-NOWHERE', { regionCode: '999999' }));
    pes.publish('job', 'not a record');
    for (let i = 11; i <= 20; i += 1) pes.publish('job', fakeJobRecord(`J-${i}`));

    const run = await syncFor(pes, 'a', 7).runOnce('job');
    expect(run).toMatchObject({ ran: true, error: null, counts: { created: 20, rejected: 3 } });
    expect(await Job.countDocuments({ status: 'open', upstreamId: { $exists: true } })).toBe(20);

    const { http } = testApp(db.database);
    const admin = await signInAs('admin');
    const rejects = PesRejectListSchema.parse((await http().get('/api/v1/pes/rejects').set(admin.header).expect(200)).body);
    const byId = new Map(rejects.items.map((r) => [r.upstreamId, r.reason]));
    expect(byId.get('J-BAD')).toMatch(/contactPhone.*mobile|payMinFen/);
    expect(byId.get('J-NOWHERE')).toContain('999999');
    expect(rejects.items.some((r) => r.upstreamId === null && r.record.includes('not a record'))).toBe(true);
    const status = PesStatusSchema.parse((await http().get('/api/v1/pes/status').set(admin.header).expect(200)).body);
    expect(status.rejected).toBe(3);
    expect(status.sync.find((s) => s.kind === 'job')).toMatchObject({ lastError: null, totals: { created: 20, rejected: 3 } });

    // The next run starts from the cursor: nothing is pulled twice, the bad record is not counted again.
    pes.publish('job', fakeJobRecord('J-21'));
    expect((await syncFor(pes, 'a').runOnce('job')).counts).toMatchObject({ created: 1, rejected: 0 });
    expect(await PesReject.countDocuments()).toBe(3);
  });

  it('when a posting is changed, repeated, reordered or withdrawn upstream, then the app keeps the newest version and a withdrawn one disappears', async () => {
    pes.setFaults({ twice: 1, reorder: true });
    pes.publish('job', fakeJobRecord('J-1', { version: 1, title: '钢筋工 第一版' }));
    pes.publish('job', fakeJobRecord('J-1', { version: 3, title: '钢筋工 第三版' }));
    pes.publish('job', fakeJobRecord('J-1', { version: 2, title: '钢筋工 第二版' }));
    pes.publish('job', fakeJobRecord('J-2'));
    pes.publish('course', fakeCourseRecord('C-1'));
    const sync = syncFor(pes, 'a');
    await sync.runOnce('job');
    await sync.runOnce('course');
    expect(await Job.find({ upstreamId: 'J-1' }).lean().exec()).toMatchObject([{ title: '钢筋工 第三版', upstreamVersion: 3, status: 'open' }]);
    expect(await Course.find({ upstreamId: 'C-1' }).lean().exec()).toMatchObject([{ status: 'open', seats: 40, subsidized: true }]);

    pes.setFaults({});
    pes.withdraw('job', 'J-1');
    pes.withdraw('course', 'C-1', 'cancelled');
    await sync.runOnce('job');
    await sync.runOnce('course');
    expect(await Job.findOne({ upstreamId: 'J-1' }).lean().exec()).toMatchObject({ status: 'closed', upstreamVersion: 4 });
    expect(await Course.findOne({ upstreamId: 'C-1' }).lean().exec()).toMatchObject({ status: 'closed' });
    const { http } = testApp(db.database);
    const list = await http().get('/api/v1/jobs').expect(200);
    const titles = (list.body as { items: Array<{ title: string }> }).items.map((j) => j.title);
    expect(titles).toContain(fakeJobRecord('J-2').title);
    expect(titles.some((t) => t.startsWith('钢筋工 第'))).toBe(false);
  });

  it('when the demo feed is synced, then job and course titles read as plain words without upstream codes like DEMO-J-5', async () => {
    publishDemoFeed(pes);
    const sync = syncFor(pes, 'demo');
    await sync.runOnce('job');
    await sync.runOnce('course');
    const jobs = await Job.find({ upstreamId: /^DEMO-/ }).lean().exec();
    const courses = await Course.find({ upstreamId: /^DEMO-/ }).lean().exec();
    expect(jobs).toHaveLength(5);
    expect(courses).toHaveLength(3);
    const shown = [...jobs, ...courses].map((r) => r.title);
    expect(shown.filter((title) => /[A-Z]+-[A-Z]*-?\d/.test(title))).toEqual([]);
  });

  it('when two instances sync at once, then one runs under the lease and each job is imported once; a lease left by a dead instance is taken over', async () => {
    for (let i = 1; i <= 120; i += 1) pes.publish('job', fakeJobRecord(`J-${i}`));
    pes.setFaults({ pullDelayMs: 20 });
    const a = syncFor(pes, 'instance-a', 20);
    const b = syncFor(pes, 'instance-b', 20);
    const [ra, rb] = await Promise.all([a.runOnce('job'), b.runOnce('job')]);
    expect([ra.ran, rb.ran].sort()).toEqual([false, true]);
    for (let i = 121; i <= 150; i += 1) pes.publish('job', fakeJobRecord(`J-${i}`));
    // Again, several rounds side by side.
    for (let round = 0; round < 3; round += 1) await Promise.all([a.runOnce('job'), b.runOnce('job')]);
    expect(await Job.countDocuments({ upstreamId: { $exists: true } })).toBe(150);
    expect(new Set((await Job.find({}, { upstreamId: 1 }).lean().exec()).map((j) => j.upstreamId)).size).toBe(150);
    expect(await PesSyncState.findById('job').lean().exec()).toMatchObject({ totals: { created: 150 } });

    // An instance died holding the lease: once it expires, another takes over.
    expect(await acquireLease('pes-sync:course', 'dead-instance', 1, new Date(Date.now() - 10))).toBe(true);
    pes.publish('course', fakeCourseRecord('C-1'));
    expect(await b.runOnce('course')).toMatchObject({ ran: true, counts: { created: 1 } });
  }, 60_000);
});

describe('PES file import', () => {
  it('when a JSON lines file has a broken line, then the others are imported and the line is set aside', async () => {
    const lines = [JSON.stringify(fakeJobRecord('F-1')), '{ not json', JSON.stringify(fakeJobRecord('F-2')), '', JSON.stringify(fakeJobRecord('F-1', { version: 2, openings: 5 }))];
    const counts = await importRecordsFile(Readable.from([lines.join('\n')]), 'job', 'jsonl', new Date());
    expect(counts).toMatchObject({ lines: 4, created: 2, updated: 1, rejected: 1 });
    expect(await Job.findOne({ upstreamId: 'F-1' }).lean().exec()).toMatchObject({ openings: 5 });
    expect(await PesReject.findOne({ source: 'file' }).lean().exec()).toMatchObject({ reason: 'line 2: not valid JSON' });
  });

  it('when a CSV has nested columns, lists and a bad row, then the good rows are imported', async () => {
    const csv = [
      'id,version,status,title,trade,employer.name,employer.creditCode,regionCode,payMinFen,payMaxFen,mealsAndLodging,openings,contactName,contactPhone,requirements',
      'CSV-1,1,open,"保洁员，包住",保洁员,上海浦东物业有限公司,,310115,500000,650000,是,8,周经理,13900001234,身体健康|能吃苦',
      'CSV-2,1,open,保安,保安员,上海浦东物业有限公司,,310115,five,650000,否,3,周经理,13900001234,',
      'CSV-3,2,withdrawn,,,,,,,,,,,,',
    ].join('\r\n');
    const counts = await importRecordsFile(Readable.from([Buffer.from('\ufeff' + csv)]), 'job', 'csv', new Date());
    expect(counts).toMatchObject({ lines: 3, created: 1, rejected: 1, stale: 1 });
    expect(await Job.findOne({ upstreamId: 'CSV-1' }).lean().exec()).toMatchObject({
      title: '保洁员，包住',
      mealsAndLodging: true,
      requirements: ['身体健康', '能吃苦'],
      employerName: '上海浦东物业有限公司',
      regionName: expect.stringContaining('浦东'),
    });
    expect((await PesReject.findOne({ upstreamId: 'CSV-2' }).lean().exec())?.reason).toContain('payMinFen');
  });
});
