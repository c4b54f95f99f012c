import { useCallback, useEffect, useRef, useState } from 'react';
import type { BrokerImport } from '@zhuanyi/shared';
import { errorText } from '@/services/error-text';
import { t } from '@/i18n';
import { getImport, uploadImport } from '../api/brokers-api';
import { isSheet, pickSheet } from '../pick-sheet';

const POLL_MS = 800;

/** Pick → upload → poll until the server has answered every row. The import id survives a lost answer: polling resumes. */
export function useImport() {
  const [result, setResult] = useState<BrokerImport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const poll = useCallback((id: string) => {
    timer.current = setTimeout(() => {
      getImport(id).then(
        (r) => {
          setResult(r);
          if (r.status === 'queued' || r.status === 'processing') poll(id);
          else setBusy(false);
        },
        // A dropped connection: the import goes on at the server; ask again.
        () => poll(id),
      );
    }, POLL_MS);
  }, []);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const pickAndUpload = useCallback(() => {
    setError(null);
    pickSheet().then(
      (file) => {
        if (!file) return;
        if (!isSheet(file)) {
          setError(t('broker.import.badType'));
          return;
        }
        setBusy(true);
        setResult(null);
        uploadImport(file).then(
          (r) => {
            setResult(r);
            if (r.status === 'queued' || r.status === 'processing') poll(r.id);
            else setBusy(false);
          },
          (e: unknown) => {
            setBusy(false);
            setError(errorText(e));
          },
        );
      },
      () => undefined,
    );
  }, [poll]);

  return { result, busy, error, pickAndUpload };
}
