/** Region scope of staff-side callers: their county or township; admins everywhere. Out of scope reads as 404. */
import { isWithinRegion, regionLevelOf } from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { NotFoundError, ValidationError } from '../../http/errors';

export function inScope(auth: Pick<AuthContext, 'role' | 'regionScope'>, code: string | null | undefined): boolean {
  if (auth.role === 'admin' || auth.regionScope === null) return true;
  return !!code && isWithinRegion(code, auth.regionScope);
}

/** The region a request acts on: the asked one (inside the caller's scope) or the caller's own. */
export function regionFor(auth: Pick<AuthContext, 'role' | 'regionScope'>, asked: string | undefined): string {
  if (asked !== undefined) {
    if (!inScope(auth, asked)) throw new NotFoundError('error.outOfScope');
    return asked;
  }
  if (auth.regionScope) return auth.regionScope;
  throw new ValidationError({ regionCode: 'validation.regionCode.notFound' });
}

/** Filter on a region-code field for "inside this region" (codes are digit strings, finer codes extend coarser ones). */
export function regionRange(code: string): { $gte: string; $lte: string } {
  return { $gte: code, $lte: `${code}${'9'.repeat(Math.max(0, 12 - code.length))}` };
}

/** County codes (6 digits) inside a region, for "run by county" queries; null when the region is a county or finer. */
export function isCountyOrFiner(code: string): boolean {
  const level = regionLevelOf(code);
  return level === 'county' || level === 'township' || level === 'village';
}
