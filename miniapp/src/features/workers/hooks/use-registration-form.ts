import type { WorkerRegistrationResult } from '@zhuanyi/shared';
import { useCallback, useRef, useState } from 'react';
import { errorText } from '@/services/error-text';
import { ApiError, NetworkError } from '@/services/errors';
import { refreshSession } from '@/services/http';
import { saveMyRegistration } from '../api/workers-api';
import {
  EMPTY_REGISTRATION,
  REGISTRATION_STEPS,
  firstStepWithError,
  mapFieldErrors,
  registrationDraft,
  stepErrors,
  validateRegistration,
  type RegistrationErrors,
  type RegistrationValues,
} from '../registration-form';

export type SubmitState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'offline' } | { kind: 'done'; result: WorkerRegistrationResult };

/** The registration form: draft on every change, step checks, submit with the draft's key. */
export function useRegistrationForm(initial?: RegistrationValues) {
  const [restored] = useState(() => registrationDraft.load());
  const [values, setValues] = useState<RegistrationValues>(() => ({ ...EMPTY_REGISTRATION, ...(restored?.values ?? initial ?? {}) }));
  const [errors, setErrors] = useState<RegistrationErrors>({});
  const [step, setStep] = useState(0);
  const [submit, setSubmit] = useState<SubmitState>({ kind: 'idle' });
  const sending = useRef(false);

  const update = useCallback((patch: Partial<RegistrationValues>) => {
    setValues((prev) => {
      const next = { ...prev, ...patch };
      registrationDraft.save(next);
      return next;
    });
    setErrors((prev) => {
      const cleared = { ...prev };
      for (const key of Object.keys(patch)) delete cleared[key as keyof RegistrationErrors];
      if ('householdPath' in patch) delete cleared.household;
      if ('expectedPayYuan' in patch) delete cleared.expectedPay;
      if ('otherSkill' in patch || 'skillLevel' in patch) delete cleared.skills;
      delete cleared.form;
      return cleared;
    });
  }, []);

  const next = useCallback(() => {
    const found = stepErrors(values, step);
    setErrors(found);
    if (Object.keys(found).length === 0) setStep((s) => Math.min(s + 1, REGISTRATION_STEPS.length - 1));
    return Object.keys(found).length === 0;
  }, [values, step]);

  const prev = useCallback(() => setStep((s) => Math.max(0, s - 1)), []);

  const send = useCallback(async () => {
    if (sending.current) return;
    const checked = validateRegistration(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setStep(firstStepWithError(checked.errors) ?? step);
      return;
    }
    sending.current = true;
    setSubmit({ kind: 'sending' });
    registrationDraft.save(values);
    const key = registrationDraft.keyFor(values, checked.input);
    try {
      const result = await saveMyRegistration(checked.input, key);
      registrationDraft.clear();
      // New tokens carry the new workerId.
      await refreshSession();
      setSubmit({ kind: 'done', result });
    } catch (error) {
      if (error instanceof NetworkError) {
        setSubmit({ kind: 'offline' });
      } else {
        setSubmit({ kind: 'idle' });
        const fieldErrors = error instanceof ApiError ? mapFieldErrors(error.fields) : {};
        const found = Object.keys(fieldErrors).length > 0 ? fieldErrors : { form: errorText(error) };
        setErrors(found);
        const at = firstStepWithError(found);
        if (at !== null) setStep(at);
      }
    } finally {
      sending.current = false;
    }
  }, [values, step]);

  return { values, errors, step, setStep, update, next, prev, send, submit, restored: restored !== null };
}
