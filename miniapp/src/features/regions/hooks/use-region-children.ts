import type { Region } from '@zhuanyi/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getRegionChildren } from '../api/get-region-children';

type State =
  | { status: 'loading'; items: Region[]; error: null }
  | { status: 'ready'; items: Region[]; error: null }
  | { status: 'error'; items: Region[]; error: unknown };

/** Children of `code` (provinces for null); a newer code's answer always wins. */
export function useRegionChildren(code: string | null) {
  const [state, setState] = useState<State>({ status: 'loading', items: [], error: null });
  const latest = useRef(0);

  const load = useCallback(async () => {
    const mine = ++latest.current;
    setState({ status: 'loading', items: [], error: null });
    try {
      const items = await getRegionChildren(code);
      if (mine === latest.current) setState({ status: 'ready', items, error: null });
    } catch (error) {
      if (mine === latest.current) setState({ status: 'error', items: [], error });
    }
  }, [code]);

  useEffect(() => {
    void load();
  }, [load]);

  return { ...state, reload: load };
}
