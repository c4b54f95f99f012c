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

  /** The staff account closest above the village (cached for a minute: sweeps colour thousands). */
  private async assigneeFor(village: string): Promise<{ id: string; name: string } | null> {
    const now = this.deps.clock().getTime();
    if (now - this.assigneesAt > 60_000) {
      this.assignees = new Map();
      this.assigneesAt = now;
    }
    if (this.assignees.has(village)) return this.assignees.get(village) ?? null;
    const path = regionCodePath(village);
    const accounts = await Account.find({ role: 'staff', active: true, regionScope: { $in: path } }, { regionScope: 1, displayName: 1, createdAt: 1 }).sort({ createdAt: 1 }).lean().exec();
    const best = accounts.sort((a, b) => (b.regionScope?.length ?? 0) - (a.regionScope?.length ?? 0))[0];
    const found = best ? { id: best._id.toHexString(), name: best.displayName } : null;
    this.assignees.set(village, found);
    return found;
  }

  /** Records the change as a task (replacing the person's open one); no task when nothing needs following up. */
  async onChange(c: ColorChange): Promise<void> {
    if (!needsFollowUp(c.from, c.to) || c.to === null) return;
    const today = chinaDateOf(this.deps.clock());
    const who = await this.assigneeFor(c.regionCode);
    const set = {
      workerName: c.workerName,
      countyCode: c.regionCode.slice(0, 6),
      regionCode: c.regionCode,
      fromColor: c.from,
      toColor: c.to,
      reasons: c.reasons,
      assigneeId: who?.id ?? null,
      assigneeName: who?.name ?? null,
      dueOn: addDaysYmd(today, FOLLOW_UP_DAYS[c.to]),
    };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await FollowUpModel.updateOne({ workerId: c.workerId, status: 'open' }, { $set: set, $setOnInsert: { note: null, doneAt: null, doneBy: null } }, { upsert: true }).exec();
        return;
      } catch (err: unknown) {
        if (!isDuplicateKeyError(err)) throw err; // created at the same moment elsewhere: update that one
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
