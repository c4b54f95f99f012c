import { useCallback, useState } from 'react';
import type { PesOutboxItem, PesStatus } from '@zhuanyi/shared';
import { useAsync } from '@/hooks/use-async';
import { getDeadLetters, getPesStatus, retryDeadLetters } from '../api/pes-api';

export interface PesAdminData {
  status: PesStatus;
  /** Null for staff (dead letters are for admins). */
  dead: PesOutboxItem[] | null;
}

/** Status, and the dead letters when the caller may see them; retry reloads both. */
export function usePesAdmin(isAdmin: boolean) {
  const { state, reload } = useAsync<PesAdminData>(
    async () => ({ status: await getPesStatus(), dead: isAdmin ? (await getDeadLetters()).items : null }),
    `pes:${isAdmin}`,
    true,
  );
  const [retried, setRetried] = useState<number | null>(null);
  const retry = useCallback(
    async (id?: string) => {
      const r = await retryDeadLetters(id);
      setRetried(r.retried);
      reload(true);
    },
    [reload],
  );
  return { state, reload, retry, retried };
}
