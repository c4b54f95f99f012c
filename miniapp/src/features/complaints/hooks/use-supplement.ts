import type { Complaint, SupplementItem } from '@zhuanyi/shared';
import { useCallback, useRef, useState } from 'react';
import { errorText } from '@/services/error-text';
import { ApiError, NetworkError } from '@/services/errors';
import { createIdempotencyKey } from '@/services/http';
import { supplementComplaint } from '../api/complaints-api';
import { EMPTY_SUPPLEMENT, checkSupplement, supplementErrors, type SupplementValues } from '../supplement-form';

/**
 * One missing item being added to a filed case. A retry after a dropped network sends the same
 * Idempotency-Key, so the item is added once; a new item gets a new key.
 */
export function useSupplement(complaintId: string, onSaved: (updated: Complaint) => void) {
  const [item, setItem] = useState<SupplementItem | null>(null);
  const [values, setValues] = useState<SupplementValues>(EMPTY_SUPPLEMENT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<'idle' | 'sending' | 'offline'>('idle');
  const [saved, setSaved] = useState<SupplementItem | null>(null);
  const key = useRef<string | null>(null);

  const open = useCallback((next: SupplementItem) => {
    setItem(next);
    setValues(EMPTY_SUPPLEMENT);
    setErrors({});
    setState('idle');
    setSaved(null);
    key.current = null;
  }, []);
  const close = useCallback(() => setItem(null), []);
  const update = useCallback((patch: Partial<SupplementValues>) => {
    setValues((prev) => ({ ...prev, ...patch }));
    setErrors({});
  }, []);

  const save = useCallback(async () => {
    if (!item || state === 'sending') return;
    const checked = checkSupplement(item, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    key.current ??= createIdempotencyKey();
    setState('sending');
    try {
      const updated = await supplementComplaint(complaintId, checked.input, key.current);
      key.current = null;
      setState('idle');
      setSaved(item);
      setItem(null);
      onSaved(updated);
    } catch (error) {
      if (error instanceof NetworkError) {
        setState('offline');
        return;
      }
      setState('idle');
      const fields = error instanceof ApiError ? supplementErrors(error.fields) : {};
      setErrors(Object.keys(fields).length > 0 ? fields : { form: errorText(error) });
    }
  }, [item, values, state, complaintId, onSaved]);

  return { item, values, errors, state, saved, open, close, update, save };
}
