import type { JobApplication, JobDetail } from '@zhuanyi/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { createIdempotencyKey } from '@/services/http';
import { applyToJob, getJob } from '../api/job-actions';

type Load = { status: 'loading' } | { status: 'ready'; job: JobDetail } | { status: 'error'; error: unknown };
type Apply = { status: 'idle' } | { status: 'sending' } | { status: 'done'; application: JobApplication; created: boolean } | { status: 'error'; error: unknown };

/** One job and the apply action (one key per page visit, so a retried tap never applies twice). */
export function useJobDetail(id: string) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [apply, setApply] = useState<Apply>({ status: 'idle' });
  const key = useRef(createIdempotencyKey());

  const reload = useCallback(() => {
    setLoad({ status: 'loading' });
    getJob(id).then(
      (job) => setLoad({ status: 'ready', job }),
      (error: unknown) => setLoad({ status: 'error', error }),
    );
  }, [id]);
  useEffect(reload, [reload]);

  const submit = useCallback(async () => {
    setApply({ status: 'sending' });
    try {
      const result = await applyToJob(id, key.current);
      setApply({ status: 'done', application: result.application, created: result.created });
    } catch (error) {
      setApply({ status: 'error', error });
    }
  }, [id]);

  return { load, apply, reload, submit };
}
