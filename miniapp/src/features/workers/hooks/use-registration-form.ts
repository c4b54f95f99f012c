import { useCallback } from 'react';
import { refreshSession } from '@/services/http';
import { saveMyRegistration } from '../api/workers-api';
import { registrationDraft, type RegistrationValues } from '../registration-form';
import { useRegistrationSteps } from './use-registration-steps';

export type { SubmitState } from './use-registration-steps';

/** The registration form: draft on every change, step checks, submit with the draft's key. */
export function useRegistrationForm(initial?: RegistrationValues) {
  const { sendWith, setSubmit, reset: _reset, ...form } = useRegistrationSteps(registrationDraft, initial);
  const { values } = form;

  const send = useCallback(
    () =>
      sendWith(async (input) => {
        registrationDraft.save(values);
        const key = registrationDraft.keyFor(values, input);
        const result = await saveMyRegistration(input, key);
        registrationDraft.clear();
        // New tokens carry the new workerId.
        await refreshSession();
        setSubmit({ kind: 'done', result });
      }),
    [sendWith, setSubmit, values],
  );

  return { ...form, send };
}
