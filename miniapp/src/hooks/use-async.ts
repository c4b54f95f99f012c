import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';

export type AsyncState<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: unknown };

/**
 * Loads `fetcher` on mount and whenever `key` changes; `reloadOnShow` loads again when the
 * page comes back into view (after applying, signing up ...). The newest load always wins.
 */
export function useAsync<T>(fetcher: () => Promise<T>, key: string, reloadOnShow = false) {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const latest = useRef(0);
  const fetchRef = useRef(fetcher);
  fetchRef.current = fetcher;
  const mounted = useRef(false);

  const reload = useCallback((quiet = false) => {
    const mine = ++latest.current;
    if (!quiet) setState({ status: 'loading' });
    fetchRef.current().then(
      (data) => mine === latest.current && setState({ status: 'ready', data }),
      (error: unknown) => mine === latest.current && setState({ status: 'error', error }),
    );
  }, []);

  useEffect(() => {
    reload();
    mounted.current = true;
  }, [key, reload]);

  useDidShow(() => {
    if (reloadOnShow && mounted.current) reload(true);
  });

  return { state, reload, setState };
}
