/**
 * Entry of many registrations at once by a broker or staff (the spreadsheet import): the same
 * rules as `WorkerService.saveForSomeone` (validation, scope, who may update what, one record
 * per ID number), with one lookup and one insert for the whole batch.
 * Not yet sent to the PES outbox: its per-item enqueue in a transaction takes ~35 s for 1,000
 * rows on the embedded engine; a batched enqueue is needed first (see the PES connector).
 */
import { isWithinRegion, type WorkerRegistrationData } from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { AppError } from '../../http/errors';
import { assertCertifiedBroker } from '../brokers/broker-gate';
import type { WorkerRecord } from './worker.model';
import { findWorkersByIdIndexes, insertWorkers, updateWorkers, type WorkerFields } from './workers.repository';
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

  const source = auth.role === 'broker' ? 'broker' : 'staff';
  await updateWorkers(updates.map((u) => ({ id: u.record._id, fields: u.fields })));
  for (const u of updates) {
    const mine = u.record.createdBy.subjectId === auth.subjectId;
    const fresh = opts.createdSince !== undefined && mine && u.record.createdAt >= opts.createdSince;
    answers[u.i] = { ok: true, outcome: fresh ? 'created' : 'updated', worker: { _id: u.record._id, name: u.fields.name } };
  }
  const inserted = await insertWorkers(inserts.map((x) => ({ fields: x.fields, origin: { source, createdBy: { role: auth.role, subjectId: auth.subjectId } } })));
  for (const x of inserts) {
    const record = inserted.get(x.fields.idIndex);
    if (record) {
      answers[x.i] = { ok: true, outcome: 'created', worker: record };
      continue;
    }
    // Entered by someone else at the same moment: the one-by-one path decides (update or refuse).
    const rowData = rows[x.i];
    if (!rowData) continue;
    try {
      const r = await service.saveForSomeone(auth, rowData);
      const [saved] = await findWorkersByIdIndexes([x.fields.idIndex]);
      if (!saved) throw new Error('record vanished');
      answers[x.i] = { ok: true, outcome: r.outcome === 'created' ? 'created' : 'updated', worker: saved };
    } catch (err: unknown) {
      if (err instanceof AppError) answers[x.i] = { ok: false, problems: err.fields ?? { idNumber: err.messageKey } };
      else throw err;
    }
  }
  return answers.map((a) => a ?? { ok: false, problems: { _: 'error.INTERNAL' } });
}
