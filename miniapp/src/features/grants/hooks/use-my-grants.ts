import { useCallback, useRef, useState } from 'react';
import { useAsync } from '@/hooks/use-async';
import { errorText } from '@/services/error-text';
import { NetworkError } from '@/services/errors';
import { createIdempotencyKey } from '@/services/http';
import { applyForGrant, getMyGrants } from '../api/grants-api';

/**
 * 我的补贴: the list (reloaded when 我的 comes back into view) and 申请 for one grant. A retry
 * after a dropped network resends with the same Idempotency-Key, so it is counted once.
 */
export function useMyGrants(key: string) {
  const { state, setState, reload } = useAsync(getMyGrants, key, true);
  const [applying, setApplying] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ id: string; text: string } | null>(null);
  const keys = useRef(new Map<string, string>());

  const apply = useCallback(
    async (id: string) => {
      if (applying) return;
      const idempotencyKey = keys.current.get(id) ?? createIdempotencyKey();
      keys.current.set(id, idempotencyKey);
      setApplying(id);
      setFailure(null);
      try {
        const grant = await applyForGrant(id, idempotencyKey);
        keys.current.delete(id);
        setState((s) => (s.status === 'ready' ? { status: 'ready', data: { ...s.data, items: s.data.items.map((g) => (g.id === id ? grant : g)) } } : s));
      } catch (err) {
        if (!(err instanceof NetworkError)) keys.current.delete(id);
        setFailure({ id, text: errorText(err) });
      } finally {
        setApplying(null);
      }
    },
    [applying, setState],
  );

  return { state, apply, applying, failure, reload };
}
