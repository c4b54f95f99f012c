/**
 * Follow-up tasks from the four-color watch: each color change gives the responsible staff member
 * (the active staff account whose region is the closest one above the person's village) a task
 * with a due date by the new color; overdue tasks are listed on the staff home.
 */
import { Types } from 'mongoose';
import {
  addDaysYmd,
  chinaDateOf,
  FOLLOW_UP_DAYS,
  needsFollowUp,
  regionCodePath,
  type FollowUpList,
  type FollowUpTask,
  type WatchColor,
} from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { AppError, NotFoundError } from '../../http/errors';
import { isDuplicateKeyError } from '../../http/error-handler';
import type { Clock } from '../../security/clock';
import { Account } from '../accounts/account.model';
import type { AuditService } from '../audit/audit.service';
import { findRegion, regionFullName } from '../regions/regions.service';
import { inScope, regionRange } from '../staff/scope';
import { FollowUpModel, type FollowUpRecord } from './follow-up.model';

export interface ColorChange {
  workerId: Types.ObjectId;
  workerName: string;
  regionCode: string;
  from: WatchColor | null;
  to: WatchColor | null;
  reasons: string[];
}

const notFound = () => new NotFoundError('error.followUpNotFound');

export class FollowUpService {
  private assignees = new Map<string, { id: string; name: string } | null>();
  private assigneesAt = 0;

  constructor(private readonly deps: { clock: Clock; audit: AuditService }) {}

  /** The staff account closest above each village (cached for a minute: sweeps colour thousands), from one read. */
  private async assigneesFor(villages: readonly string[]): Promise<void> {
    const now = this.deps.clock().getTime();
    if (now - this.assigneesAt > 60_000) {
      this.assignees = new Map();
      this.assigneesAt = now;
    }
    const missing = villages.filter((v) => !this.assignees.has(v));
    if (!missing.length) return;
    const paths = new Set(missing.flatMap((v) => regionCodePath(v)));
    const accounts = await Account.find({ role: 'staff', active: true, regionScope: { $in: [...paths] } }, { regionScope: 1, displayName: 1, createdAt: 1 }).sort({ createdAt: 1 }).lean().exec();
    for (const village of missing) {
      const path = new Set(regionCodePath(village));
      // The longest (closest) region wins; among equals the oldest account (the sort is stable).
      const best = accounts.filter((a) => a.regionScope && path.has(a.regionScope)).sort((a, b) => (b.regionScope?.length ?? 0) - (a.regionScope?.length ?? 0))[0];
      this.assignees.set(village, best ? { id: best._id.toHexString(), name: best.displayName } : null);
    }
  }

  private taskOf(c: ColorChange & { to: WatchColor }, today: string) {
    const who = this.assignees.get(c.regionCode) ?? null;
    return {
      filter: { workerId: c.workerId, status: 'open' as const },
      update: {
        $set: {
          workerName: c.workerName,
          countyCode: c.regionCode.slice(0, 6),
          regionCode: c.regionCode,
          fromColor: c.from,
          toColor: c.to,
          reasons: c.reasons,
          assigneeId: who?.id ?? null,
          assigneeName: who?.name ?? null,
          dueOn: addDaysYmd(today, FOLLOW_UP_DAYS[c.to]),
        },
        $setOnInsert: { note: null, doneAt: null, doneBy: null },
      },
    };
  }

  /** Records the change as a task (replacing the person's open one); no task when nothing needs following up. */
  async onChange(c: ColorChange): Promise<void> {
    if (!needsFollowUp(c.from, c.to) || c.to === null) return;
    await this.assigneesFor([c.regionCode]);
    const { filter, update } = this.taskOf({ ...c, to: c.to }, chinaDateOf(this.deps.clock()));
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await FollowUpModel.updateOne(filter, update, { upsert: true }).exec();
        return;
      } catch (err: unknown) {
        if (!isDuplicateKeyError(err)) throw err; // created at the same moment elsewhere: update that one
      }
    }
  }

  /** The tasks of many changes (an import, a sweep) in one write. */
  async onChanges(changes: readonly ColorChange[]): Promise<void> {
    const due = changes.filter((c): c is ColorChange & { to: WatchColor } => c.to !== null && needsFollowUp(c.from, c.to));
    if (!due.length) return;
    await this.assigneesFor([...new Set(due.map((c) => c.regionCode))]);
    const today = chinaDateOf(this.deps.clock());
    for (let i = 0; i < due.length; i += 1000) {
      const slice = due.slice(i, i + 1000);
      try {
        await FollowUpModel.bulkWrite(slice.map((c) => ({ updateOne: { ...this.taskOf(c, today), upsert: true } })), { ordered: false });
      } catch (err: unknown) {
        if (!isDuplicateKeyError(err)) throw err;
        // Some were created at the same moment elsewhere: the upserts are idempotent, so go again one by one.
        for (const c of slice) await this.onChange(c);
      }
    }
  }

  private toApi(r: FollowUpRecord, today: string): FollowUpTask {
    return {
      id: r._id.toHexString(),
      workerId: r.workerId.toHexString(),
      workerName: r.workerName,
      regionCode: r.regionCode,
      regionName: findRegion(r.regionCode)?.name ?? regionFullName(r.regionCode) ?? r.regionCode,
      fromColor: (r.fromColor as WatchColor | null) ?? null,
      toColor: (r.toColor as WatchColor | null) ?? null,
      reasons: r.reasons,
      assigneeId: r.assigneeId,
      assigneeName: r.assigneeName,
      dueOn: r.dueOn,
      state: r.status === 'done' ? 'done' : r.dueOn < today ? 'overdue' : 'open',
      createdAt: r.createdAt.toISOString(),
      doneAt: r.doneAt ? r.doneAt.toISOString() : null,
      note: r.note,
    };
  }

  private scopeFilter(auth: AuthContext): Record<string, unknown> {
    if (auth.role === 'admin' || auth.regionScope === null) return {};
    const s = auth.regionScope;
    return s.length <= 6 ? { countyCode: s.length === 6 ? s : regionRange(s) } : { countyCode: s.slice(0, 6), regionCode: regionRange(s) };
  }

  async list(auth: AuthContext, q: { state?: FollowUpTask['state']; mine?: 'true' | 'false'; limit: number }): Promise<FollowUpList> {
    const today = chinaDateOf(this.deps.clock());
    const base: Record<string, unknown> = { ...this.scopeFilter(auth), ...(q.mine === 'true' ? { assigneeId: auth.subjectId } : {}) };
    const byState: Record<string, unknown> =
      q.state === 'done' ? { status: 'done' } : q.state === 'overdue' ? { status: 'open', dueOn: { $lt: today } } : q.state === 'open' ? { status: 'open', dueOn: { $gte: today } } : { status: 'open' };
    const rows = await FollowUpModel.find({ ...base, ...byState }).sort({ dueOn: 1, _id: 1 }).limit(q.limit).lean<FollowUpRecord[]>().exec();
    const overdue = await FollowUpModel.countDocuments({ ...base, status: 'open', dueOn: { $lt: today } }).exec();
    const open = await FollowUpModel.countDocuments({ ...base, status: 'open' }).exec();
    return { items: rows.map((r) => this.toApi(r, today)), counts: { open: open - overdue, overdue } };
  }

  /** Staff of the person's region mark the task done with what they did. Audited. */
  async done(auth: AuthContext, id: string, note: string): Promise<FollowUpTask> {
    const found = Types.ObjectId.isValid(id) ? await FollowUpModel.findById(id).lean<FollowUpRecord>().exec() : null;
    if (!found || !inScope(auth, found.regionCode)) throw notFound();
    const now = this.deps.clock();
    const updated = await FollowUpModel.findOneAndUpdate({ _id: found._id, status: 'open' }, { $set: { status: 'done', note, doneAt: now, doneBy: auth.subjectId } }, { returnDocument: 'after' })
      .lean<FollowUpRecord>()
      .exec();
    if (!updated) throw new AppError('CONFLICT', { messageKey: 'error.followUpDone' });
    await this.deps.audit.record(auth, { action: 'service', targetType: 'follow_up', targetId: id, regionCode: found.regionCode, reason: note, detail: `${found.fromColor ?? '-'} → ${found.toColor ?? '-'}` });
    return this.toApi(updated, chinaDateOf(now));
  }
}
