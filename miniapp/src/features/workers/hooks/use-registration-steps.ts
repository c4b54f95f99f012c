import type { WorkerRegistrationInput, WorkerRegistrationResult } from '@zhuanyi/shared';
import { useCallback, useRef, useState } from 'react';
import type { DraftStore } from '@/services/draft-store';
import { errorText } from '@/services/error-text';
import { ApiError, NetworkError } from '@/services/errors';
import {
  EMPTY_REGISTRATION,
  REGISTRATION_STEPS,
  firstStepWithError,
  mapFieldErrors,
  stepErrors,
  validateRegistration,
  type RegistrationErrors,
  type RegistrationValues,
} from '../registration-form';

export type SubmitState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'offline' } | { kind: 'done'; result: WorkerRegistrationResult };

export interface SendOptions {
  /** Checked after the form is valid and before sending (e.g. the person's consent); false stops. */
  allowed?: () => boolean;
  /** The server's field errors as the form's (default: the registration body's paths). */
  fieldErrors?: (error: ApiError) => RegistrationErrors;
}

const serverFieldErrors = (error: ApiError): RegistrationErrors => mapFieldErrors(error.fields);

/**
 * The stepped registration form shared by the worker's own form and the broker's enrolment:
 * values restored from `draft` and saved to it on every change, errors cleared field by field,
 * step checks, and one send at a time with its errors shown on their step.
 */
export function useRegistrationSteps(draft: DraftStore<RegistrationValues>, initial?: RegistrationValues) {
  const [restored] = useState(() => draft.load());
  const [values, setValues] = useState<RegistrationValues>(() => ({ ...EMPTY_REGISTRATION, ...(restored?.values ?? initial ?? {}) }));
  const [errors, setErrors] = useState<RegistrationErrors>({});
  const [step, setStep] = useState(0);
  const [submit, setSubmit] = useState<SubmitState>({ kind: 'idle' });
  const sending = useRef(false);

  const update = useCallback(
    (patch: Partial<RegistrationValues>) => {
      setValues((prev) => {
        const next = { ...prev, ...patch };
        draft.save(next);
        return next;
      });
      setErrors((prev) => {
        const cleared = { ...prev };
        for (const key of Object.keys(patch)) delete cleared[key as keyof RegistrationErrors];
        // Errors kept under a derived key go when one of their fields changes.
        if ('householdPath' in patch) delete cleared.household;
        if ('expectedPayYuan' in patch) delete cleared.expectedPay;
        if ('otherSkill' in patch || 'skillLevel' in patch) delete cleared.skills;
        delete cleared.form;
        return cleared;
      });
    },
    [draft],
  );

  /** Checks the current step; moves on only when it has no errors. */
  const next = useCallback(() => {
    const found = stepErrors(values, step);
    setErrors(found);
    if (Object.keys(found).length === 0) setStep((s) => Math.min(s + 1, REGISTRATION_STEPS.length - 1));
    return Object.keys(found).length === 0;
  }, [values, step]);

  const prev = useCallback(() => setStep((s) => Math.max(0, s - 1)), []);

  /**
   * Checks the whole form (errors shown, step moved to the first wrong one), then `run` with the
   * checked input. A dropped network leaves submit 'offline' (the draft keeps the key for the
   * retry); any other failure shows the server's field errors, or one text for the whole form.
   */
  const sendWith = useCallback(
    async (run: (input: WorkerRegistrationInput) => Promise<void>, options: SendOptions = {}) => {
      if (sending.current) return;
      const checked = validateRegistration(values);
      if (!checked.ok) {
        setErrors(checked.errors);
        setStep(firstStepWithError(checked.errors) ?? step);
        return;
      }
      if (options.allowed && !options.allowed()) return;
      sending.current = true;
      setSubmit({ kind: 'sending' });
      try {
        await run(checked.input);
      } catch (error) {
        if (error instanceof NetworkError) {
          setSubmit({ kind: 'offline' });
        } else {
          setSubmit({ kind: 'idle' });
          const fieldErrors = error instanceof ApiError ? (options.fieldErrors ?? serverFieldErrors)(error) : {};
          const found = Object.keys(fieldErrors).length > 0 ? fieldErrors : { form: errorText(error) };
          setErrors(found);
          const at = firstStepWithError(found);
          if (at !== null) setStep(at);
        }
      } finally {
        sending.current = false;
      }
    },
    [values, step],
  );

  /** An empty form on the first step, the draft dropped. */
  const reset = useCallback(() => {
    draft.clear();
    setValues(EMPTY_REGISTRATION);
    setErrors({});
    setStep(0);
  }, [draft]);

  return { values, errors, step, setStep, update, next, prev, submit, setSubmit, sendWith, reset, restored: restored !== null };
}
