import type { ConsentMethod, WorkerRegistrationResult } from '@zhuanyi/shared';
import { useCallback, useState } from 'react';
import { t } from '@/i18n';
import { createDraftStore } from '@/services/draft-store';
import type { ApiError } from '@/services/errors';
import { useRegistrationSteps } from '@/features/workers/hooks/use-registration-steps';
import { mapFieldErrors, type RegistrationErrors, type RegistrationValues } from '@/features/workers/registration-form';
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
export const enrolDraft = createDraftStore<RegistrationValues>('draft.brokerEnrol', isValues, Date.now, ['idNumber']);

/**
 * The worker registration form, sent by a broker for someone else: the person's consent must
 * be ticked (and how it was given) before sending; draft and resend key as in the worker's form.
 */
export function useEnrolForm() {
  const { sendWith, setSubmit, reset: resetSteps, setStep: _setStep, ...form } = useRegistrationSteps(enrolDraft);
  const { values } = form;
  const [consent, setConsentState] = useState(false);
  const [consentMethod, setConsentMethod] = useState<ConsentMethod>('signed_form');
  const [consentError, setConsentError] = useState<string | null>(null);
  const [result, setResult] = useState<WorkerRegistrationResult | null>(null);

  const setConsent = useCallback((given: boolean) => {
    setConsentState(given);
    if (given) setConsentError(null);
  }, []);

  const send = useCallback(
    () =>
      sendWith(
        async (input) => {
          const key = enrolDraft.keyFor(values, { registration: input, consentMethod });
          const saved = await enrolPerson(input, consentMethod, key);
          enrolDraft.clear();
          setResult(saved);
          setSubmit({ kind: 'idle' });
        },
        {
          allowed: () => {
            if (!consent) setConsentError(t('broker.enrol.consentRequired'));
            return consent;
          },
          fieldErrors: (error: ApiError): RegistrationErrors => {
            if (error.fields['consent.given']) setConsentError(error.fields['consent.given']);
            return mapFieldErrors(registrationFields(error.fields));
          },
        },
      ),
    [sendWith, setSubmit, values, consent, consentMethod],
  );

  /** A fresh, empty form for the next person. */
  const reset = useCallback(() => {
    resetSteps();
    setConsentState(false);
    setResult(null);
  }, [resetSteps]);

  return { ...form, send, consent, setConsent, consentMethod, setConsentMethod, consentError, result, reset };
}
