/**
 * The one scope check for wage complaints. A case belongs to the county where the work was done
 * (intakeRegion); that county's intake staff act on it. The worker's home county follows it
 * read-only. The worker who filed sees their own case. Everyone else: as if it did not exist.
 * Every complaints service call loads cases and builds list filters through here.
 */
import { Types } from 'mongoose';
import { isWithinRegion } from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { ForbiddenError, NotFoundError } from '../../http/errors';
import { ComplaintModel, type ComplaintRecord } from './complaint.model';

export type CaseViewer = Pick<AuthContext, 'subjectId' | 'role' | 'regionScope'>;
/** own: the worker who filed; act: the handling county (or admin); read: the home county following it. */
export type CaseAccessLevel = 'own' | 'act' | 'read';
type Scoped = Pick<ComplaintRecord, 'filedBy' | 'intakeRegionCode'> & { homeRegionCode?: string | null };

const within = (code: string | null | undefined, scope: string) => typeof code === 'string' && isWithinRegion(code, scope);

/** What `viewer` may do with the case; null = nothing (answered 404). Deny by default. */
export function caseAccess(viewer: CaseViewer, r: Scoped): CaseAccessLevel | null {
  switch (viewer.role) {
    case 'worker':
      return r.filedBy === viewer.subjectId ? 'own' : null;
    case 'admin':
      return 'act';
    case 'intake':
      if (viewer.regionScope === null) return 'act';
      if (within(r.intakeRegionCode, viewer.regionScope)) return 'act';
      if (within(r.homeRegionCode, viewer.regionScope)) return 'read';
      return null;
    default:
      return null;
  }
}

/**
 * The list filter matching exactly the cases caseAccess lets `viewer` see: `mine` = the cases
 * they act on (or, for a worker, filed); `following` = read-only cases of their residents.
 */
export function caseListFilter(viewer: CaseViewer, view: 'mine' | 'following' = 'mine'): Record<string, unknown> | null {
  if (viewer.role === 'worker') return view === 'mine' ? { filedBy: viewer.subjectId } : null;
  if (viewer.role !== 'intake' && viewer.role !== 'admin') return null;
  const everywhere = viewer.role === 'admin' || viewer.regionScope === null;
  if (view === 'mine') return everywhere ? {} : { intakeRegionPath: viewer.regionScope };
  if (everywhere) return { 'transfers.0': { $exists: true } };
  return { homeRegionPath: viewer.regionScope, intakeRegionPath: { $ne: viewer.regionScope } };
}

/** Loads a case the viewer may see, with their access; `need: 'act'` refuses read-only followers (403). */
export async function loadCase<R extends ComplaintRecord = ComplaintRecord>(viewer: CaseViewer, id: string, need: 'see' | 'act' = 'see'): Promise<{ record: R; access: CaseAccessLevel }> {
  if (!Types.ObjectId.isValid(id)) throw new NotFoundError('error.complaintNotFound');
  const record = await ComplaintModel.findById(id).lean<R>().exec();
  const access = record ? caseAccess(viewer, record) : null;
  if (!record || access === null) throw new NotFoundError('error.complaintNotFound');
  if (need === 'act' && access !== 'act') throw new ForbiddenError();
  return { record, access };
}
