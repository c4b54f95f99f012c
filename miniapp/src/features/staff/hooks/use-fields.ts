import { useCallback, useState } from 'react';
import type { FieldErrors } from '../console-forms';

/** A form's values and the errors shown next to its fields; editing a field clears its error. */
export function useFields<V extends object>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = useCallback(
    <K extends keyof V & string>(key: K) =>
      (value: V[K]) => {
        setValues((v) => ({ ...v, [key]: value }));
        setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
      },
    [],
  );
  const reset = useCallback((to: V = initial) => {
    setValues(to);
    setErrors({});
  }, [initial]);
  return { values, setValues, errors, setErrors, set, reset };
}
