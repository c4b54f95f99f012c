import type { FitWarning, JobApplication, JobDetail } from '@zhuanyi/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { createIdempotencyKey } from '@/services/http';
import { applyToJob, getJob, getJobFit } from '../api/job-actions';

type Load = { status: 'loading' } | { status: 'ready'; job: JobDetail } | { status: 'error'; error: unknown };
type Apply = { status: 'idle' } | { status: 'sending' } | { status: 'done'; application: JobApplication; created: boolean } | { status: 'error'; error: unknown };

/**
 * One job and the apply action (one key per page visit, so a retried tap never applies twice).
 * For a registered worker, the plain warnings when the job's conditions exclude them, shown before applying;
 * a failed check only means no warning (the apply answer repeats them).
 */
export function useJobDetail(id: string, registered = false) {
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

  const [fit, setFit] = useState<FitWarning[]>([]);
  useEffect(() => {
    if (!registered) return setFit([]);
    let live = true;
    getJobFit(id).then(
      (warnings) => live && setFit(warnings),
      () => live && setFit([]),
    );
    return () => {
      live = false;
    };
  }, [id, registered]);

  const submit = useCallback(async () => {
    setApply({ status: 'sending' });
    try {
      const result = await applyToJob(id, key.current);
      setApply({ status: 'done', application: result.application, created: result.created });
      if (result.warnings.length > 0) setFit(result.warnings);
    } catch (error) {
      setApply({ status: 'error', error });
    }
  }, [id]);

  return { load, apply, reload, submit, fit };
}
