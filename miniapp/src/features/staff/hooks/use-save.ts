import { useState } from 'react';
import { apiErrors, type FieldErrors } from '@/features/staff/console-forms';

/** Runs a form's create or update call: busy meanwhile, the saved item to onSaved, server errors under the fields. */
export function useSave<T>(onSaved: (item: T) => void, setErrors: (errors: FieldErrors) => void) {
  const [busy, setBusy] = useState(false);
  const save = (call: () => Promise<T>) => {
    setBusy(true);
    call().then(
      (item) => {
        setBusy(false);
        onSaved(item);
      },
      (e: unknown) => {
        setBusy(false);
        setErrors(apiErrors(e));
      },
    );
  };
  return { busy, save };
}
