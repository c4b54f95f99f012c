/**
 * Spreadsheet enrolment: a 1,000-row xlsx uploaded to the real app (in-process) and processed
 * server-side into the embedded engine — validated, sealed, registered and answered row by row —
 * timed from the upload to the import reading `done`. Target: under 5,000 ms.
 * A 10-row import runs first to warm up the village data and the code paths.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import request from 'supertest';
import { BrokerImportSchema } from '@zhuanyi/shared';
import { createApp } from '../../app';
import { testConfig } from '../../config/env';
import { ensureIndexes } from '../../db/connection';
import { startEmbeddedMongo } from '../../db/embedded';
import { createLogger } from '../../logging/logger';
import { seedAreaCodes } from '../../seed/seed';
import { signInAs } from '../../test-support/auth';
import { enrolmentRows, enrolmentXlsx, villagesOf } from '../../test-support/broker-rows';
import { Worker } from '../workers/worker.model';

export async function runBrokerImportBench(): Promise<Record<string, number>> {
  const engine = await startEmbeddedMongo({ dbPath: null, port: 0 });
  await mongoose.connect(engine.uri, { autoIndex: false });
  try {
    await ensureIndexes();
    const area = seedAreaCodes()[0];
    if (!area) throw new Error('no seed area');
    const villages = villagesOf(area.township);
    const config = testConfig();
    const app = createApp({ config, logger: createLogger({ level: 'silent' }), db: { kind: 'embedded', ping: () => Promise.resolve() } });
    const http = () => request(app.callback());
    const broker = await signInAs('broker', { regionScope: area.township, config });

    const importFile = async (file: Buffer, name: string): Promise<number> => {
      const started = performance.now();
      const res = await http().post('/api/v1/brokers/me/imports').set(broker.header).attach('file', file, name);
      if (res.status !== 202) throw new Error(`upload answered ${res.status}`);
      const id = BrokerImportSchema.parse(res.body).id;
      for (;;) {
        const imp = BrokerImportSchema.parse((await http().get(`/api/v1/brokers/me/imports/${id}`).set(broker.header)).body);
        if (imp.status === 'done') {
          if (imp.counts.created + imp.counts.updated !== imp.totalRows) throw new Error(`import refused rows: ${JSON.stringify(imp.rows.slice(0, 2))}`);
          return performance.now() - started;
        }
        if (imp.status === 'failed') throw new Error(`import failed: ${imp.failure ?? ''}`);
        await sleep(10);
      }
    };

    await importFile(await enrolmentXlsx(enrolmentRows({ count: 10, villages, offset: 5_000 })), 'warm-up.xlsx');
    const file = await enrolmentXlsx(enrolmentRows({ count: 1000, villages }));
    const ms = await importFile(file, '名单.xlsx');
    const stored = await Worker.countDocuments({ 'createdBy.subjectId': broker.subjectId });
    if (stored !== 1010) throw new Error(`expected 1010 registrations, found ${stored}`);
    console.log(`[bench] brokers: 1,000-row xlsx imported in ${ms.toFixed(0)} ms`);
    return { 'brokerImport1000.ms': Math.round(ms), 'brokerImport1000.rowsPerSec': Math.round(1000 / (ms / 1000)) };
  } finally {
    await mongoose.disconnect();
    await engine.stop();
  }
}
