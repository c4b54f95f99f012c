/**
 * PES employment records (就业登记, 离岗/失业登记) feed the same job history and current state as an
 * outcome staff confirm: pulled from the fake PES over HTTP or imported from a file, matched by ID
 * number, once per upstream id and version; unknown people are set aside with the ID number masked.
 */
import { Readable } from 'node:stream';
import { JobHistoryListSchema, PesRejectListSchema, WorkerRegistrationResultSchema } from '@zhuanyi/shared';
import { testConfig } from '../../config/env';
import { createLogger } from '../../logging/logger';
import { JobHistoryModel } from '../../modules/outcomes/job-history.model';
import { Worker } from '../../modules/workers/worker.model';
import { systemClock } from '../../security/clock';
import { FieldCrypto } from '../../security/field-crypto';
import { signInAs } from '../../test-support/auth';
import { testApp } from '../../test-support/test-app';
import { useTestDb } from '../../test-support/test-db';
import { seededRandom, startFakePes, type FakePes } from './fake-pes-server';
import { importRecordsFile } from './file-import';
import { InboundSync } from './inbound-sync';
import { HttpPesAdapter } from './pes.adapter';
import { idNumberFor, registrationFor } from './pes.test-support';
import { pesUpstreamContext } from './upstream-employment';

const db = useTestDb();
jest.setTimeout(60_000);
const context = () => pesUpstreamContext(new FieldCrypto(testConfig().fieldEncryptionKey), systemClock);

function syncFor(pes: FakePes) {
  return new InboundSync({
    adapter: new HttpPesAdapter({ baseUrl: pes.baseUrl, apiKey: undefined, timeoutMs: 2000 }),
    logger: createLogger({ level: 'silent' }),
    owner: 'test',
    leaseMs: 10_000,
    intervalMs: 60_000,
    context: context(),
  });
}

const employed = (id: string, version: number, n: number, overrides: Record<string, unknown> = {}) => ({
  id,
  version,
  status: 'employed',
  idNumber: idNumberFor(n),
  on: '2026-05-20',
  regionCode: '310115',
  employerName: '上海浦东某电子厂',
  organizedByGovernment: true,
  ...overrides,
});

async function staffEnter(n: number) {
  const { http } = testApp(db.database);
  const staff = await signInAs('staff', { regionScope: '150521' });
  const res = await http().post('/api/v1/workers').set(staff.header).set('Idempotency-Key', `pes-employment-${n}-${Date.now()}`).send(registrationFor(n)).expect(200);
  return { http, staff, workerId: WorkerRegistrationResultSchema.parse(res.body).worker.id };
}

describe('PES employment records feed the job history', () => {
  let pes: FakePes;
  beforeEach(async () => {
    pes = await startFakePes({ random: seededRandom(5) });
  });
  afterEach(async () => {
    await pes.stop();
  });

  it('when the PES says a registered person is employed and later left, then the registry and the job history change as for a confirmed outcome; a re-sync adds nothing', async () => {
    const { http, staff, workerId } = await staffEnter(41);
    pes.publish('employment', employed('E-41', 1, 41));
    const first = await syncFor(pes).runOnce('employment');
    expect(first).toMatchObject({ ran: true, error: null, counts: { updated: 1, rejected: 0 } });

    const afterArrival = await Worker.findById(workerId).lean().exec();
    expect(afterArrival?.employment).toMatchObject({ status: 'employed', destination: { location: 'out_of_province', regionCode: '310115', employerName: '上海浦东某电子厂', startedOn: '2026-05-20', organizedByGovernment: true } });
    const history = JobHistoryListSchema.parse((await http().get(`/api/v1/registry/workers/${workerId}/history`).set(staff.header).expect(200)).body);
    expect(history.items.filter((h) => h.source === 'pes').map((h) => [h.kind, h.status, h.on, h.regionCode])).toEqual([['arrived', 'employed', '2026-05-20', '310115']]);

    // The same record again (a repeated page, a second instance): nothing new.
    pes.publish('employment', employed('E-41', 1, 41));
    const again = await syncFor(pes).runOnce('employment');
    expect(again.counts).toMatchObject({ updated: 0, stale: 1 });
    expect(await JobHistoryModel.countDocuments({ workerId: afterArrival?._id, source: 'pes' })).toBe(1);

    // A newer record: the person left; the state follows, and the ended job is kept in the history.
    pes.publish('employment', { id: 'E-41', version: 2, status: 'left', idNumber: idNumberFor(41), on: '2026-07-01' });
    pes.publish('employment', employed('E-41', 1, 41)); // an old version arriving late
    const later = await syncFor(pes).runOnce('employment');
    expect(later.counts).toMatchObject({ updated: 1, stale: 1 });
    const afterLeaving = await Worker.findById(workerId).lean().exec();
    expect(afterLeaving?.employment).toMatchObject({ status: 'unemployed', destination: null });
    expect(afterLeaving?.tracking).toMatchObject({ endedOn: '2026-07-01', unemployedSince: '2026-07-01' });
    const pesEntries = await JobHistoryModel.find({ workerId: afterArrival?._id, source: 'pes' }).sort({ on: 1 }).lean().exec();
    expect(pesEntries.map((h) => [h.kind, h.status, h.employerName, h.endedOn])).toEqual([
      ['arrived', 'employed', '上海浦东某电子厂', null],
      ['left', 'unemployed', '上海浦东某电子厂', '2026-07-01'],
    ]);
  });

  it('when the PES names someone not registered here, then the record is set aside with the ID number masked, and the others go on', async () => {
    await staffEnter(42);
    pes.publish('employment', employed('E-NOBODY', 1, 999));
    pes.publish('employment', employed('E-42', 1, 42));
    pes.publish('employment', employed('E-BAD', 1, 42, { on: '20 May' }));
    const run = await syncFor(pes).runOnce('employment');
    expect(run.counts).toMatchObject({ updated: 1, rejected: 2 });

    const { http } = testApp(db.database);
    const admin = await signInAs('admin');
    const rejects = PesRejectListSchema.parse((await http().get('/api/v1/pes/rejects').set(admin.header).expect(200)).body);
    const nobody = rejects.items.find((r) => r.upstreamId === 'E-NOBODY');
    expect(nobody?.reason).toContain('nobody with this ID number');
    expect(rejects.items.find((r) => r.upstreamId === 'E-BAD')?.reason).toContain('on');
    for (const r of rejects.items) {
      expect(r.record).not.toContain(idNumberFor(999));
      expect(r.record).not.toContain(idNumberFor(42));
    }
  });

  it('when employment records come in a file, then they are applied the same way, once', async () => {
    const { workerId } = await staffEnter(43);
    const lines = [JSON.stringify(employed('E-43', 1, 43, { status: 'self_employed', regionCode: '150521100201', employerName: '牛羊养殖合作社' }))].join('\n');
    const ctx = context();
    const first = await importRecordsFile(Readable.from([lines]), 'employment', 'jsonl', new Date(), ctx);
    const second = await importRecordsFile(Readable.from([lines]), 'employment', 'jsonl', new Date(), ctx);
    expect([first.updated, second.updated, second.stale]).toEqual([1, 0, 1]);
    const w = await Worker.findById(workerId).lean().exec();
    expect(w?.employment).toMatchObject({ status: 'self_employed', destination: { location: 'in_county', regionCode: '150521100201' } });
    expect(w?.entrepreneurship?.active).toBe(true);
  });
});
