import { useSyncExternalStore } from 'react';
import type { AuthSubject } from '@zhuanyi/shared';
import { getSubject, sessionVersion, subscribeSession } from '@/services/auth-token';
import { isStaffRole, type StaffRole } from '../api/staff-api';

/** The signed-in staff member (staff, intake officer or admin), or null; re-renders on sign-in/out. */
export function useStaffSession(): (AuthSubject & { role: StaffRole }) | null {
  useSyncExternalStore(subscribeSession, sessionVersion, sessionVersion);
  const subject = getSubject();
  return subject && isStaffRole(subject.role) ? (subject as AuthSubject & { role: StaffRole }) : null;
}

/** Which staff pages a role may use (the BFF checks again). */
export const staffCan = {
  intake: (role: StaffRole) => role === 'intake' || role === 'admin',
  registry: (role: StaffRole) => role === 'staff' || role === 'admin',
  pes: (role: StaffRole) => role === 'staff' || role === 'admin',
  /** Filing for a walk-in or caller: every staff role. */
  file: (_role: StaffRole) => true,
  admin: (role: StaffRole) => role === 'admin',
};
