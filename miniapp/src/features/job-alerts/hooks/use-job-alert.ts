import type { JobAlert, JobAlertInput } from '@zhuanyi/shared';
import { useEffect, useRef, useState } from 'react';
import { createIdempotencyKey } from '@/services/http';
import { errorText } from '@/services/error-text';
import { alertPermission, type AlertPermission } from '../alert-permission';
import { getMyJobAlert, stopJobAlert, subscribeJobAlert } from '../api/job-alerts-api';

export type JobAlertState = { status: 'loading' } | { status: 'ready'; alert: JobAlert | null } | { status: 'error'; message: string };

export interface UseJobAlert {
  state: JobAlertState;
  busy: boolean;
  failure: string | null;
  /** Call from the tap: asks WeChat permission (weapp) first, then subscribes. */
  subscribe: (input?: Omit<JobAlertInput, 'wechatAccepted'>) => void;
  stop: () => void;
}

/** The worker's job alert: load, subscribe (a retry after a failure reuses its key), stop. */
export function useJobAlert(permission: AlertPermission = alertPermission): UseJobAlert {
  const [state, setState] = useState<JobAlertState>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const key = useRef<string | null>(null);

  useEffect(() => {
    let live = true;
    getMyJobAlert().then(
      (r) => live && setState({ status: 'ready', alert: r.alert }),
      (e: unknown) => live && setState({ status: 'error', message: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, []);

  const run = (call: () => Promise<{ alert: JobAlert | null }>, done?: () => void) => {
    setBusy(true);
    setFailure(null);
    call().then(
      (r) => {
        done?.();
        setState({ status: 'ready', alert: r.alert });
        setBusy(false);
      },
      (e: unknown) => {
        setFailure(errorText(e));
        setBusy(false);
      },
    );
  };

  return {
    state,
    busy,
    failure,
    subscribe: (input = {}) => {
      // The permission dialog must open in the tap itself, before anything else is awaited.
      const asked = permission.ask();
      key.current ??= createIdempotencyKey();
      const idempotencyKey = key.current;
      run(
        async () => subscribeJobAlert({ ...input, wechatAccepted: await asked }, idempotencyKey),
        () => {
          key.current = null;
        },
      );
    },
    stop: () => run(stopJobAlert),
  };
}
