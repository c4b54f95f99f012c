import type { AuthSubject } from '@zhuanyi/shared';
import { useMemo, useSyncExternalStore } from 'react';
import { getSubject, sessionVersion, subscribeSession } from '@/services/auth-token';

/** Who is signed in (null when nobody); re-renders on sign-in, refresh and sign-out. */
export function useSession(): AuthSubject | null {
  const version = useSyncExternalStore(subscribeSession, sessionVersion, sessionVersion);
  return useMemo(() => getSubject(), [version]);
}
