/** Writes and searches the audit trail. */
import type { AuditEntry, AuditQuery } from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { ValidationError } from '../../http/errors';
import type { Clock } from '../../security/clock';
import { afterDesc, decodeKeyset, encodeKeyset } from '../../db/cursor';
import { Account } from '../accounts/account.model';
import { AuditModel, type AuditRecord } from './audit.model';

export type AuditAction = AuditEntry['action'];
/** A signed-in caller, or the server itself (`{ subjectId: 'system', role: 'system' }`). */
export type AuditActor = Pick<AuthContext, 'subjectId'> & { role: AuthContext['role'] | 'system' };

export interface AuditInput {
  action: AuditAction;
  targetType: string;
  targetId?: string | null;
  regionCode?: string | null;
  reason?: string | null;
  detail?: string | null;
}

export class AuditService {
  private readonly names = new Map<string, string | null>();

  constructor(private readonly clock: Clock) {}

  private async nameOf(actor: AuditActor): Promise<string | null> {
    if (actor.role === 'worker' || actor.role === 'system') return null;
    if (this.names.has(actor.subjectId)) return this.names.get(actor.subjectId) ?? null;
    const a = await Account.findById(actor.subjectId, { displayName: 1 }).lean().exec();
    const name = a?.displayName ?? null;
    this.names.set(actor.subjectId, name);
    return name;
  }

  /** Appends one entry; the caller awaits it so nothing is answered before it is recorded. */
  async record(actor: AuditActor, input: AuditInput): Promise<void> {
    await AuditModel.create({
      at: this.clock(),
      actorId: actor.subjectId,
      actorRole: actor.role,
      actorName: await this.nameOf(actor),
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId ?? null,
      regionCode: input.regionCode ?? null,
      reason: input.reason ?? null,
      detail: input.detail ?? null,
    });
  }

  async search(query: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
    const after = query.cursor === undefined ? undefined : decodeKeyset(query.cursor);
    if (query.cursor !== undefined && after === undefined) throw new ValidationError({ cursor: 'validation.cursor' });
    const filter: Record<string, unknown> = {};
    if (query.actorId) filter.actorId = query.actorId;
    if (query.action) filter.action = query.action;
    if (query.targetType) filter.targetType = query.targetType;
    if (query.targetId) filter.targetId = query.targetId;
    const range: Record<string, Date> = {};
    if (query.from) range.$gte = new Date(query.from);
    if (query.to) range.$lte = new Date(query.to);
    const and: Record<string, unknown>[] = [];
    if (Object.keys(range).length) and.push({ at: range });
    if (after) and.push(afterDesc('at', after));
    if (and.length) filter.$and = and;
    const rows = await AuditModel.find(filter).sort({ at: -1, _id: -1 }).limit(query.limit + 1).lean<AuditRecord[]>().exec();
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r._id.toHexString(),
        at: r.at.toISOString(),
        actorId: r.actorId,
        actorRole: r.actorRole as AuditEntry['actorRole'],
        actorName: r.actorName ?? null,
        action: r.action as AuditAction,
        targetType: r.targetType,
        targetId: r.targetId ?? null,
        regionCode: r.regionCode ?? null,
        reason: r.reason ?? null,
        detail: r.detail ?? null,
      })),
      nextCursor: rows.length > query.limit && last ? encodeKeyset(last.at, last._id) : null,
    };
  }
}
