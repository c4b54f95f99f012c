/** Test helpers for the staff console: an app on a manual clock and registry records built directly. */
import request from 'supertest';
import { Types } from 'mongoose';
import { idNumberCheckChar } from '@zhuanyi/shared';
import { createApp } from '../../app';
import { testConfig, type Config } from '../../config/env';
import type { Database } from '../../db/connection';
import { createLogger } from '../../logging/logger';
import type { Clock } from '../../security/clock';
import { FieldCrypto } from '../../security/field-crypto';
import { Worker, type WorkerRecord } from '../workers/worker.model';
import { Notifier } from '../../integrations/notify/notifier';
import { CaseNoticeSender } from '../complaints/case-notices';

export function staffApp(db: Pick<Database, 'kind' | 'ping'>, clock: Clock, overrides: Partial<Config> = {}) {
  const config = testConfig(overrides);
  const app = createApp({ config, logger: createLogger({ level: 'silent' }), db, clock });
  const callback = app.callback();
  return { app, http: () => request(callback), config };
}

/** The case-notice sender the app runs in the background, driven by the test (log channel unless given WeChat/SMS). */
export function caseNoticeSender(clock: Clock, config: Config = testConfig()): CaseNoticeSender {
  const notifier = new Notifier({ logger: createLogger({ level: 'silent' }), clock });
  return new CaseNoticeSender({ notifier, crypto: new FieldCrypto(config.fieldEncryptionKey), background: false });
}

let seq = 0;
/** A valid 18-digit ID number born on the given date (YYYYMMDD) in the given county. */
export function idNumber(county = '150521', birth = '19850312'): string {
  seq += 1;
  const first17 = `${county}${birth}${String(100 + (seq % 900)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export type WorkerOverrides = Partial<Omit<WorkerRecord, '_id' | 'idIndex' | 'idEnc' | 'phoneIndex' | 'phoneEnc'>> & { idNumber?: string; phone?: string; village?: string };

/** Registry record fields for a raw insert (sealed as the app stores them). */
export function workerDoc(o: WorkerOverrides = {}, at: Date = new Date()): Record<string, unknown> {
  const crypto = new FieldCrypto(testConfig().fieldEncryptionKey);
  const village = o.village ?? '150521100201';
  const id = o.idNumber ?? idNumber(village.slice(0, 6));
  const phone = o.phone ?? `139${String(10_000_000 + seq * 7).slice(-8)}`;
  const { idNumber: _i, phone: _p, village: _v, ...rest } = o;
  void _i;
  void _p;
  void _v;
  return {
    _id: new Types.ObjectId(),
    idIndex: crypto.blindIndex('idNumber', id),
    idEnc: crypto.encrypt('idNumber', id),
    name: `测试人员${seq}`,
    birthDate: '1985-03-12',
    sex: 'male',
    ethnicity: '蒙古族',
    phoneIndex: crypto.blindIndex('phone', phone),
    phoneEnc: crypto.encrypt('phone', phone),
    education: 'junior',
    household: { regionCode: village, countyCode: village.slice(0, 6), group: '一组' },
    keyGroups: [],
    mobility: 'can_travel_far',
    skills: [],
    certificates: [],
    jobIntention: { wantsJob: true, trades: ['电焊工'], locations: [], expectedMonthlyPayFen: null },
    trainingIntention: { wantsTraining: false, trades: [] },
    employment: { status: 'unemployed', destination: null },
    entrepreneurship: { active: false },
    source: 'staff',
    createdBy: { role: 'staff', subjectId: 'seed' },
    claimedAt: null,
    createdAt: at,
    updatedAt: at,
    ...rest,
  };
}

/** Saves through mongoose (the change hooks run: the watch color is computed). */
export async function createWorker(o: WorkerOverrides = {}): Promise<WorkerRecord> {
  const doc = await Worker.create(workerDoc(o));
  return doc.toObject<WorkerRecord>();
}
