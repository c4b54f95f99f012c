/**
 * Entry of many registrations at once by a broker or staff (the spreadsheet import): the same
 * rules as `WorkerService.saveForSomeone` (validation, scope, who may update what, one record
 * per ID number), with one lookup and one insert for the whole batch. The records and their PES
 * outbox items are stored in one transaction, batched (a few calls per batch, not one per row);
 * a row identical to the stored record is neither written nor sent again.
 */
import { isWithinRegion, type WorkerRegistrationData } from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { AppError } from '../../http/errors';
import { isDuplicateKeyError } from '../../http/error-handler';
import { registrationChange, withPesEvents } from '../../integrations/pes/pes-events';
import { assertCertifiedBroker } from '../brokers/broker-gate';
import { workersBatchSaved, type WorkerRecord } from './worker.model';
import { castWorkerFields, findWorkersByIdIndexes, insertWorkers, updateWorkers, type WorkerFields } from './workers.repository';
import type { WorkerService } from './workers.service';

export type BatchAnswer =
  | { ok: true; outcome: 'created' | 'updated'; worker: Pick<WorkerRecord, '_id' | 'name'> }
  | { ok: false; problems: Record<string, string> };

function inScope(auth: AuthContext, regionCode: string): boolean {
  return auth.role === 'admin' || auth.regionScope === null || isWithinRegion(regionCode, auth.regionScope);
}

/**
 * Saves each row; the answers come back in row order. `createdSince`: an existing record this
 * subject created at or after that time counts as created (a resumed import keeps its answers).
 */
export async function saveManyForSomeone(
  service: WorkerService,
  auth: AuthContext,
  rows: readonly WorkerRegistrationData[],
  opts: { createdSince?: Date } = {},
): Promise<BatchAnswer[]> {
  await assertCertifiedBroker(auth);
  const answers: Array<BatchAnswer | undefined> = new Array<BatchAnswer | undefined>(rows.length);
  const prepared: Array<{ i: number; fields: WorkerFields }> = [];
  rows.forEach((data, i) => {
    try {
      const fields = service.toFields(data);
      if (!inScope(auth, fields.household.regionCode)) answers[i] = { ok: false, problems: { householdRegionCode: 'error.workerOutOfScope' } };
      else prepared.push({ i, fields });
    } catch (err: unknown) {
      if (err instanceof AppError) answers[i] = { ok: false, problems: err.fields ?? { _: err.messageKey } };
      else throw err;
    }
  });

  for (let from = 0; from < prepared.length; from += TXN_ROWS) {
    await saveChunk(auth, prepared.slice(from, from + TXN_ROWS), answers, opts);
  }
  return answers.map((a) => a ?? { ok: false, problems: { _: 'error.INTERNAL' } });
}

/**
 * Rows per transaction. The embedded engine checks a transaction's unique keys against its own
 * earlier writes one by one (quadratic in the transaction's size), so smaller transactions are faster.
 */
const TXN_ROWS = 50;

/** One transaction: the chunk's records and their outbox items; retried when someone entered the same person meanwhile. */
async function saveChunk(
  auth: AuthContext,
  prepared: ReadonlyArray<{ i: number; fields: WorkerFields }>,
  answers: Array<BatchAnswer | undefined>,
  opts: { createdSince?: Date },
): Promise<void> {
  const source = auth.role === 'broker' ? 'broker' : 'staff';
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const existing = new Map((await findWorkersByIdIndexes(prepared.map((p) => p.fields.idIndex))).map((w) => [w.idIndex, w]));
    const updates: Array<{ i: number; record: WorkerRecord; fields: WorkerFields }> = [];
    const inserts: Array<{ i: number; fields: WorkerFields }> = [];
    for (const p of prepared) {
      const found = existing.get(p.fields.idIndex);
      if (!found) {
        inserts.push(p);
        continue;
      }
      if (!inScope(auth, found.household.regionCode)) answers[p.i] = { ok: false, problems: { householdRegionCode: 'error.workerOutOfScope' } };
      else if (auth.role === 'broker' && found.ownerLoginId) answers[p.i] = { ok: false, problems: { idNumber: 'error.workerClaimed' } };
      else if (auth.role === 'broker' && found.createdBy.subjectId !== auth.subjectId) answers[p.i] = { ok: false, problems: { idNumber: 'error.workerOwnedByOther' } };
      else updates.push({ i: p.i, record: found, fields: p.fields });
    }
    const changed = updates.filter((u) => !sameAsStored(u.record, u.fields));
    try {
      const inserted = await withPesEvents(
        async () => {
          await updateWorkers(changed.map((u) => ({ id: u.record._id, fields: u.fields })));
          const created = await insertWorkers(inserts.map((x) => ({ fields: x.fields, origin: { source, createdBy: { role: auth.role, subjectId: auth.subjectId } } })));
          // The updated records as stored now (no read back needed).
          const at = new Date();
          const updated = changed.map((u): WorkerRecord => ({ ...u.record, ...u.fields, updatedAt: at }));
          return { created, updated };
        },
        ({ created, updated }) => [
          ...created.map((w) => registrationChange('registration', w)),
          ...updated.map((w) => registrationChange('registration_update', w)),
        ],
      );
      for (const u of updates) {
        const mine = u.record.createdBy.subjectId === auth.subjectId;
        const fresh = opts.createdSince !== undefined && mine && u.record.createdAt >= opts.createdSince;
        answers[u.i] = { ok: true, outcome: fresh ? 'created' : 'updated', worker: { _id: u.record._id, name: u.fields.name } };
      }
      await workersBatchSaved([...inserted.created, ...inserted.updated]);
      const byIndex = new Map(inserted.created.map((w) => [w.idIndex, w]));
      for (const x of inserts) {
        const record = byIndex.get(x.fields.idIndex);
        answers[x.i] = record ? { ok: true, outcome: 'created', worker: record } : { ok: false, problems: { _: 'error.INTERNAL' } };
      }
      return;
    } catch (err: unknown) {
      // Someone entered one of these people meanwhile: nothing was stored; look again.
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  throw new AppError('CONFLICT', { messageKey: 'error.CONFLICT' });
}

const SEALED: ReadonlySet<string> = new Set(['idEnc', 'phoneEnc']);

/** Plain JSON with sorted keys, no nulls, no subdocument ids. */
function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object') {
    if (typeof (value as { toHexString?: unknown }).toHexString === 'function') return String(value);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (key === '_id') continue;
      const v = canonical((value as Record<string, unknown>)[key]);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }
  return value;
}

/** The row changes nothing (sealed values compare by their blind indexes). */
function sameAsStored(record: WorkerRecord, fields: WorkerFields): boolean {
  const cast = castWorkerFields(fields) as Record<string, unknown>;
  const stored = record as unknown as Record<string, unknown>;
  return (Object.keys(fields) as Array<keyof WorkerFields>).every(
    (key) => SEALED.has(key) || JSON.stringify(canonical(cast[key])) === JSON.stringify(canonical(stored[key])),
  );
}
