import { useState } from 'react';
import { errorText } from '@/services/error-text';

/** The reason a reveal needs (the BFF audits it with the reason): at least this many characters. */
export const REVEAL_REASON_MIN = 4;

export interface Reveal<T> {
  asking: boolean;
  reason: string;
  error: string | null;
  busy: boolean;
  /** What the server revealed, once it did. */
  full: T | null;
  ask: () => void;
  cancel: () => void;
  setReason: (reason: string) => void;
  submit: () => void;
}

/** Asking for a reason, then revealing (full ID number, phone …) through `reveal`; `tooShort` is the message for a missing reason. */
export function useReveal<T>(reveal: (reason: string) => Promise<T>, tooShort: string): Reveal<T> {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [full, setFull] = useState<T | null>(null);
  const submit = () => {
    if (reason.trim().length < REVEAL_REASON_MIN) {
      setError(tooShort);
      return;
    }
    setBusy(true);
    setError(null);
    reveal(reason.trim()).then(
      (value) => {
        setBusy(false);
        setFull(value);
        setAsking(false);
      },
      (e: unknown) => {
        setBusy(false);
        setError(errorText(e));
      },
    );
  };
  return {
    asking,
    reason,
    error,
    busy,
    full,
    ask: () => setAsking(true),
    cancel: () => {
      setAsking(false);
      setError(null);
    },
    setReason,
    submit,
  };
}
