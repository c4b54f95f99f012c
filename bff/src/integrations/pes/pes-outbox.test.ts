/**
 * Outbound: registrations, updates, complaints and case events made through the API reach a
 * fake PES (real HTTP) that fails a third of the calls, times out, drops connections, answers
 * twice and reorders; after it recovers, every change has arrived exactly once, in order.
 */
import { ComplaintSchema, ErrorBodySchema, PesOutboxListSchema, PesStatusSchema, WorkerRegistrationResultSchema } from '@zhuanyi/shared';
import { testConfig } from '../../config/env';
import { createLogger } from '../../logging/logger';
import { FieldCrypto } from '../../security/field-crypto';
import { signInAs, type TestSubject } from '../../test-support/auth';
import { testApp } from '../../test-support/test-app';
import { useTestDb } from '../../test-support/test-db';
import { seededRandom, startFakePes, type FakePes } from './fake-pes-server';
import { withPesEvents } from './outbox';
import { backoffMs, OutboxDispatcher } from './outbox-dispatcher';
import { HttpPesAdapter } from './pes.adapter';
import { PesLease, PesOutbox } from './pes.models';
import { idNumberFor, inParallel, registrationFor, waitFor } from './pes.test-support';

const db = useTestDb();
const config = testConfig();
const logger = createLogger({ level: 'silent' });
let keyNo = 0;
const key = () => `pes-test-${process.pid}-${(keyNo += 1)}`;

function dispatcherFor(pes: FakePes, overrides: Partial<ConstructorParameters<typeof OutboxDispatcher>[0]> = {}) {
  return new OutboxDispatcher({
    adapter: new HttpPesAdapter({ baseUrl: pes.baseUrl, apiKey: pes.apiKey, timeoutMs: 300 }),
    crypto: new FieldCrypto(config.fieldEncryptionKey),
    logger,
    owner: 'test-instance',
    concurrency: 16,
    maxAttempts: 5,
    backoffBaseMs: 10,
    backoffMaxMs: 200,
    leaseMs: 1500,
    intervalMs: 20,
    random: seededRandom(7),
    ...overrides,
  });
}

describe('PES outbox', () => {
  let pes: FakePes;
  beforeEach(async () => {
    pes = await startFakePes({ apiKey: 'pes-key', random: seededRandom(42) });
  });
  afterEach(async () => {
    await pes.stop();
  });

  it('when the change fails, then its outbox item is not stored either (one transaction)', async () => {
    const before = await PesOutbox.countDocuments();
    await expect(
      withPesEvents(
        async () => {
          await PesLease.create({ _id: 'probe', owner: 'test', expiresAt: new Date(), acquiredAt: new Date() });
          throw new Error('the change failed');
        },
        () => [],
      ),
    ).rejects.toThrow('the change failed');
    expect(await PesLease.findById('probe').lean().exec()).toBeNull();
    // And an item whose change commits is there with the change.
    const http = testApp(db.database).http;
    const worker = await signInAs('worker');
    const res = await http().put('/api/v1/workers/me').set(worker.header).set('Idempotency-Key', key()).send(registrationFor(1)).expect(200);
    const saved = WorkerRegistrationResultSchema.parse(res.body);
    const items = await PesOutbox.find({ ref: `worker:${saved.worker.id}` }).lean().exec();
    expect(items.map((i) => [i.type, i.sequence])).toEqual([['registration', 1]]);
    expect(await PesOutbox.countDocuments()).toBe(before + 1);
    // The ID number is not in the outbox in clear, only sealed.
    expect(JSON.stringify(items)).not.toContain(idNumberFor(1));
  });

  it('when the PES refuses an item, then it is a dead letter at once; admins list it and retry it', async () => {
    const { http } = testApp(db.database);
    const admin = await signInAs('admin');
    const staff = await signInAs('staff', { regionScope: '150521' });
    // A registration whose sealed field cannot be opened is sent with a key the fake rejects: use a wrong API key instead.
    const dispatcher = dispatcherFor(pes, { adapter: new HttpPesAdapter({ baseUrl: pes.baseUrl, apiKey: 'wrong', timeoutMs: 300 }) });
    const worker = await signInAs('worker');
    await http().put('/api/v1/workers/me').set(worker.header).set('Idempotency-Key', key()).send(registrationFor(2)).expect(200);
    expect(await dispatcher.runOnce()).toMatchObject({ attempted: 1, dead: 1 });

    const dead = PesOutboxListSchema.parse((await http().get('/api/v1/pes/dead-letters').set(admin.header).expect(200)).body);
    expect(dead.items).toHaveLength(1);
    expect(dead.items[0]?.lastError).toContain('401');
    const status = PesStatusSchema.parse((await http().get('/api/v1/pes/status').set(staff.header).expect(200)).body);
    expect(status.outbox).toMatchObject({ pending: 0, dead: 1 });
    const elsewhere = await signInAs('staff', { regionScope: '650421' });
    expect(PesStatusSchema.parse((await http().get('/api/v1/pes/status').set(elsewhere.header).expect(200)).body).outbox.dead).toBe(0);
    expect(ErrorBodySchema.parse((await http().get('/api/v1/pes/dead-letters').set(staff.header).expect(403)).body).error.code).toBe('FORBIDDEN');

    const id = dead.items[0]?.id ?? '';
    expect((await http().post(`/api/v1/pes/dead-letters/${id}/retry`).set(admin.header).expect(200)).body).toEqual({ retried: 1 });
    await http().post(`/api/v1/pes/dead-letters/${id}/retry`).set(admin.header).expect(404);
    expect(await dispatcherFor(pes).runOnce()).toMatchObject({ delivered: 1 });
    expect(pes.arrivals).toHaveLength(1);
    expect(pes.arrivals[0]?.data).toMatchObject({ idNumber: idNumberFor(2), phone: registrationFor(2).phone, householdRegionCode: '150521100201' });
  });

  it('backs off exponentially with jitter, capped', () => {
    const half = () => 0.5;
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 100, 1000, half))).toEqual([75, 150, 300, 600, 750]);
    expect(backoffMs(3, 100, 1000, () => 0)).toBe(200);
    expect(backoffMs(3, 100, 1000, () => 0.999)).toBeLessThanOrEqual(400);
  });

  it('when the PES fails a third of the calls and times out on others, then 1,000 registrations and 200 complaints arrive exactly once, in order, after it recovers', async () => {
    const started = Date.now();
    // A load test from one address: abuse limits off.
    const { http } = testApp(db.database, { rateLimitScale: 0 });
    const admin = await signInAs('admin');
    const intake = await signInAs('intake', { regionScope: '150521' });
    pes.setFaults({ error500: 1 / 3, timeout: 0.08, drop: 0.05, twice: 0.05, reorder: true });
    const dispatcher = dispatcherFor(pes);
    dispatcher.start();
    try {
      const workers: TestSubject[] = [];
      await inParallel(Array.from({ length: 1000 }, (_, i) => i), 8, async (i) => {
        workers[i] = await signInAs('worker');
      });
      // 1,000 registrations, then 100 of them changed.
      const workerIds: string[] = [];
      await inParallel(workers, 8, async (w, i) => {
        const res = await http().put('/api/v1/workers/me').set(w.header).set('Idempotency-Key', key()).send(registrationFor(1000 + i));
        expect(res.status).toBe(200);
        workerIds[i] = WorkerRegistrationResultSchema.parse(res.body).worker.id;
      });
      await inParallel(workers.slice(0, 100), 8, async (w, i) => {
        const changed = registrationFor(1000 + i, { employment: { status: 'not_seeking', destination: null } });
        await http().put('/api/v1/workers/me').set(w.header).set('Idempotency-Key', key()).send(changed).expect(200);
      });
      // 200 complaints, 50 of them accepted by intake (a case event after the complaint).
      const complaintIds: string[] = [];
      await inParallel(workers.slice(0, 200), 8, async (w, i) => {
        const res = await http()
          .post('/api/v1/complaints')
          .set(w.header)
          .set('Idempotency-Key', key())
          .send({ caseType: 'construction', respondent: { kind: 'foreman', name: `张包工头${i}` } });
        expect(res.status).toBe(201);
        complaintIds[i] = ComplaintSchema.parse(res.body).id;
      });
      await inParallel(complaintIds.slice(0, 50), 8, async (id) => {
        await http().post(`/api/v1/complaints/${id}/decisions`).set(intake.header).send({ action: 'accept' }).expect(200);
      });
      const madeAt = Date.now();

      // The PES recovers; whatever went dead meanwhile is retried by an admin.
      pes.setFaults({});
      await waitFor(
        async () => {
          const dead = await PesOutbox.countDocuments({ state: 'dead' });
          if (dead > 0) await http().post('/api/v1/pes/dead-letters/retry').set(admin.header).expect(200);
          return (await PesOutbox.countDocuments({ state: { $ne: 'delivered' } })) === 0;
        },
        120_000,
        async () => `not delivered: ${await PesOutbox.countDocuments({ state: { $ne: 'delivered' } })}, arrivals ${pes.arrivals.length}`,
      );
      const deliveredAt = Date.now();

      const total = 1000 + 100 + 200 + 50;
      expect(pes.arrivals).toHaveLength(total);
      expect(new Set(pes.arrivals.map((a) => a.idempotencyKey)).size).toBe(total);
      const count = (type: string) => pes.arrivals.filter((a) => a.type === type).length;
      expect([count('registration'), count('registration_update'), count('complaint'), count('case_event')]).toEqual([1000, 100, 200, 50]);
      // Each registration once per worker, each complaint once, and every record's changes in order.
      expect(new Set(pes.arrivals.filter((a) => a.type === 'registration').map((a) => a.ref))).toEqual(new Set(workerIds.map((id) => `worker:${id}`)));
      expect(new Set(pes.arrivals.filter((a) => a.type === 'complaint').map((a) => a.ref))).toEqual(new Set(complaintIds.map((id) => `complaint:${id}`)));
      expect(pes.outOfOrder).toEqual([]);
      // The faults did happen: retried deliveries met their first receipt.
      expect(pes.stats.error500).toBeGreaterThan(100);
      expect(pes.stats.timeout).toBeGreaterThan(10);
      expect(pes.stats.drop).toBeGreaterThan(5);
      expect(pes.duplicates).toBeGreaterThan(0);

      const status = PesStatusSchema.parse((await http().get('/api/v1/pes/status').set(admin.header).expect(200)).body);
      expect(status.outbox).toMatchObject({ pending: 0, dead: 0, deliveredLastDay: total });
      process.stdout.write(
        `[pes] ${total} changes through the API in ${((madeAt - started) / 1000).toFixed(1)} s; all delivered ${((deliveredAt - madeAt) / 1000).toFixed(1)} s after recovery; ` +
          `faults: ${pes.stats.error500} × 500, ${pes.stats.timeout} timeouts, ${pes.stats.drop} drops, ${pes.stats.twice} double answers; ${pes.duplicates} repeats deduplicated\n`,
      );
    } finally {
      await dispatcher.stop();
    }
  }, 600_000); // ~1,350 real API writes: about 100 s on a quiet 2-core machine, 200-300 s under load
});
