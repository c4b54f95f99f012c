/** Admins create, change and disable staff-side accounts; every change is audited. */
import { Types } from 'mongoose';
import type { StaffAccount } from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { AppError, NotFoundError } from '../../http/errors';
import { isDuplicateKeyError } from '../../http/error-handler';
import { Account, type AccountRecord } from '../accounts/account.model';
import { hashPassword } from '../accounts/password';
import type { FieldCrypto } from '../../security/field-crypto';
import type { AuditService } from '../audit/audit.service';
import { regionFullName } from '../regions/regions.service';

type Role = StaffAccount['role'];

function view(a: AccountRecord & { createdAt?: Date }): StaffAccount {
  return {
    id: a._id.toHexString(),
    username: a.username,
    displayName: a.displayName,
    role: a.role as Role,
    regionScope: a.regionScope ?? null,
    regionName: a.regionScope ? regionFullName(a.regionScope) : null,
    active: a.active,
    createdAt: (a.createdAt ?? new Date(0)).toISOString(),
  };
}

export class AccountsAdminService {
  constructor(
    private readonly audit: AuditService,
    private readonly crypto: FieldCrypto,
  ) {}

  async list(): Promise<{ items: StaffAccount[] }> {
    const rows = await Account.find({}).sort({ role: 1, username: 1 }).limit(1000).lean<AccountRecord[]>().exec();
    return { items: rows.map(view) };
  }

  async create(auth: AuthContext, input: { username: string; displayName: string; role: Role; regionScope: string | null; password: string; phone?: string }): Promise<StaffAccount> {
    if (input.role !== 'admin' && !input.regionScope) throw new AppError('VALIDATION_FAILED', { messageKey: 'error.scopeRequired', fields: { regionScope: 'error.scopeRequired' } });
    try {
      const a = await Account.create({
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        regionScope: input.role === 'admin' ? null : input.regionScope,
        passwordHash: await hashPassword(input.password),
        ...(input.phone ? { phoneEnc: this.crypto.encrypt('phone', input.phone) } : {}),
        active: true,
      });
      await this.audit.record(auth, { action: 'create', targetType: 'account', targetId: a._id.toHexString(), regionCode: input.regionScope, detail: `${input.username} ${input.role}` });
      return view(a.toObject<AccountRecord>());
    } catch (err: unknown) {
      if (isDuplicateKeyError(err)) throw new AppError('DUPLICATE', { messageKey: 'error.usernameTaken' });
      throw err;
    }
  }

  async update(auth: AuthContext, id: string, patch: { displayName?: string; active?: boolean; regionScope?: string | null; password?: string; reason: string }): Promise<StaffAccount> {
    if (!Types.ObjectId.isValid(id)) throw new NotFoundError('error.accountNotFound');
    const set: Record<string, unknown> = {};
    if (patch.displayName !== undefined) set.displayName = patch.displayName;
    if (patch.active !== undefined) set.active = patch.active;
    if (patch.regionScope !== undefined) set.regionScope = patch.regionScope;
    // No scope means everywhere: only admins may have none (as on create).
    if (patch.regionScope === null && (await Account.exists({ _id: new Types.ObjectId(id), role: { $ne: 'admin' } }))) {
      throw new AppError('VALIDATION_FAILED', { messageKey: 'error.scopeRequired', fields: { regionScope: 'error.scopeRequired' } });
    }
    if (patch.password !== undefined) set.passwordHash = await hashPassword(patch.password);
    const a = await Account.findOneAndUpdate({ _id: new Types.ObjectId(id) }, { $set: set }, { returnDocument: 'after', runValidators: true }).lean<AccountRecord>().exec();
    if (!a) throw new NotFoundError('error.accountNotFound');
    const fields = Object.keys(set).map((k) => (k === 'passwordHash' ? 'password' : k));
    await this.audit.record(auth, { action: patch.active === false ? 'disable' : 'update', targetType: 'account', targetId: id, regionCode: a.regionScope ?? null, reason: patch.reason, detail: fields.join(',') });
    return view(a);
  }
}
