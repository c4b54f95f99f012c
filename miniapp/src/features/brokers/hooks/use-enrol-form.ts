import type { ConsentMethod, WorkerRegistrationResult } from '@zhuanyi/shared';
import { useCallback, useRef, useState } from 'react';
import { t } from '@/i18n';
import { createDraftStore } from '@/services/draft-store';
import { errorText } from '@/services/error-text';
import { ApiError, NetworkError } from '@/services/errors';
import type { SubmitState } from '@/features/workers/hooks/use-registration-form';
import {
  EMPTY_REGISTRATION,
  REGISTRATION_STEPS,
  firstStepWithError,
  mapFieldErrors,
  stepErrors,
  validateRegistration,
  type RegistrationErrors,
  type RegistrationValues,
} from '@/features/workers/registration-form';
import { enrolPerson } from '../api/brokers-api';

function isValues(v: unknown): v is RegistrationValues {
  return typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string' && Array.isArray((v as { householdPath?: unknown }).householdPath);
}

/** Server field paths of the enrol body (`registration.idNumber`) as the registration form's. */
function registrationFields(fields: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(fields)) {
    if (path.startsWith('consent')) continue;
    out[path.startsWith('registration.') ? path.slice('registration.'.length) : path] = text;
  }
  return out;
}

/** The broker's draft of one person (apart from the broker's own registration draft). */
export const enrolDraft = createDraftStore<RegistrationValues>('draft.brokerEnrol', isValues);

/**
 * The worker registration form, sent by a broker for someone else: the person's consent must
 * be ticked (and how it was given) before sending; draft and resend key as in the worker's form.
 */
export function useEnrolForm() {
  const [restored] = useState(() => enrolDraft.load());
  const [values, setValues] = useState<RegistrationValues>(() => ({ ...EMPTY_REGISTRATION, ...(restored?.values ?? {}) }));
  const [errors, setErrors] = useState<RegistrationErrors>({});
  const [step, setStep] = useState(0);
  const [submit, setSubmit] = useState<SubmitState>({ kind: 'idle' });
  const [consent, setConsentState] = useState(false);
  const [consentMethod, setConsentMethod] = useState<ConsentMethod>('signed_form');
  const [consentError, setConsentError] = useState<string | null>(null);
  const [result, setResult] = useState<WorkerRegistrationResult | null>(null);
  const sending = useRef(false);

  const update = useCallback((patch: Partial<RegistrationValues>) => {
    setValues((prev) => {
      const next = { ...prev, ...patch };
      enrolDraft.save(next);
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

  const setConsent = useCallback((given: boolean) => {
    setConsentState(given);
    if (given) setConsentError(null);
  }, []);

  const next = useCallback(() => {
    const found = stepErrors(values, step);
    setErrors(found);
    if (Object.keys(found).length === 0) setStep((s) => Math.min(s + 1, REGISTRATION_STEPS.length - 1));
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
    if (!consent) {
      setConsentError(t('broker.enrol.consentRequired'));
      return;
    }
    sending.current = true;
    setSubmit({ kind: 'sending' });
    const key = enrolDraft.keyFor(values, { registration: checked.input, consentMethod });
    try {
      const saved = await enrolPerson(checked.input, consentMethod, key);
      enrolDraft.clear();
      setResult(saved);
      setSubmit({ kind: 'idle' });
    } catch (error) {
      if (error instanceof NetworkError) {
        setSubmit({ kind: 'offline' });
      } else {
        setSubmit({ kind: 'idle' });
        const fieldErrors = error instanceof ApiError ? mapFieldErrors(registrationFields(error.fields)) : {};
        if (error instanceof ApiError && error.fields['consent.given']) setConsentError(error.fields['consent.given']);
        const found = Object.keys(fieldErrors).length > 0 ? fieldErrors : { form: errorText(error) };
        setErrors(found);
        const at = firstStepWithError(found);
        if (at !== null) setStep(at);
      }
    } finally {
      sending.current = false;
    }
  }, [values, step, consent, consentMethod]);

  /** A fresh, empty form for the next person. */
  const reset = useCallback(() => {
    enrolDraft.clear();
    setValues(EMPTY_REGISTRATION);
    setErrors({});
    setStep(0);
    setConsentState(false);
    setResult(null);
  }, []);

  return { values, errors, step, update, next, prev, send, submit, consent, setConsent, consentMethod, setConsentMethod, consentError, result, reset, restored: restored !== null };
}
