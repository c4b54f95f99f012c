import { parseIdNumber, type ClaimableRecord, type WorkerRegistration } from '@zhuanyi/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { ApiError, NetworkError } from '@/services/errors';
import { createIdempotencyKey, refreshSession } from '@/services/http';
import { claimMyRecord, getClaimableRecords } from '../api/workers-api';
import { rememberClaimedIdNumber } from '../claimed-id';

export type ClaimState =
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'found'; records: ClaimableRecord[] }
  | { status: 'claimed'; worker: WorkerRegistration };

/**
 * 我的 for a signed-in worker without a registration: finds records a broker or staff entered
 * with the phone they signed in with, and claims one with its ID number. A resend after a dropped
 * network reuses the Idempotency-Key; any other answer makes a new one (the next try may differ).
 */
export function useClaimRecord(enabled: boolean) {
  const [state, setState] = useState<ClaimState>(() => (enabled ? { status: 'loading' } : { status: 'none' }));
  const [idNumber, setIdNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  /** The server asked for the privacy consents first (shown by the page; then `claim` again). */
  const [needsConsent, setNeedsConsent] = useState(false);
  const key = useRef(createIdempotencyKey());
  const busy = useRef(false);

  useEffect(() => {
    if (!enabled) {
      setState((s) => (s.status === 'claimed' ? s : { status: 'none' }));
      return undefined;
    }
    let live = true;
    setState((s) => (s.status === 'claimed' ? s : { status: 'loading' }));
    getClaimableRecords().then(
      (found) => live && setState((s) => (s.status === 'claimed' ? s : found.items.length > 0 ? { status: 'found', records: found.items } : { status: 'none' })),
      () => live && setState((s) => (s.status === 'claimed' ? s : { status: 'none' })),
    );
    return () => {
      live = false;
    };
  }, [enabled]);

  const type = useCallback((value: string) => {
    setIdNumber(value);
    setError(null);
  }, []);

  const claim = useCallback(async () => {
    if (busy.current) return;
    const typed = idNumber.trim().toUpperCase();
    const checked = parseIdNumber(typed);
    if (!checked.valid) {
      setError(t(`validation.idNumber.${checked.problem}`));
      return;
    }
    busy.current = true;
    setSending(true);
    setError(null);
    try {
      const result = await claimMyRecord(typed, key.current);
      rememberClaimedIdNumber(result.worker.id, typed);
      // New tokens carry the workerId of the claimed record.
      await refreshSession();
      setState({ status: 'claimed', worker: result.worker });
    } catch (err) {
      if (err instanceof ApiError && err.messageKey === 'error.consent.required') setNeedsConsent(true);
      else setError(errorText(err));
      if (!(err instanceof NetworkError)) key.current = createIdempotencyKey();
    } finally {
      busy.current = false;
      setSending(false);
    }
  }, [idNumber]);

  /** After the consents are given: back to the form, and the claim goes on. */
  const consented = useCallback(() => {
    setNeedsConsent(false);
    void claim();
  }, [claim]);

  return { state, idNumber, type, claim, error, sending, needsConsent, consented };
}
