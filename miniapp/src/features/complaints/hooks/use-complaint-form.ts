import type { Complaint } from '@zhuanyi/shared';
import { useCallback, useRef, useState } from 'react';
import { errorText } from '@/services/error-text';
import { ApiError, NetworkError } from '@/services/errors';
import type { PickedFile } from '@/services/upload';
import { fileComplaint, uploadEvidence } from '../api/complaints-api';
import {
  COMPLAINT_STEPS,
  EMPTY_COMPLAINT,
  complaintDraft,
  complaintStepErrors,
  firstComplaintStepWithError,
  mapComplaintErrors,
  validateComplaint,
  type ComplaintErrors,
  type ComplaintValues,
} from '../complaint-form';

export type ComplaintSubmit =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'uploading'; done: number; total: number }
  | { kind: 'offline' }
  | { kind: 'done'; complaint: Complaint; failedUploads: number };

/** The guided complaint: draft on every change, file with the draft's key, then upload the evidence. */
export function useComplaintForm() {
  const [restored] = useState(() => complaintDraft.load());
  const [values, setValues] = useState<ComplaintValues>(() => ({ ...EMPTY_COMPLAINT, ...(restored?.values ?? {}) }));
  const [errors, setErrors] = useState<ComplaintErrors>({});
  const [step, setStep] = useState(0);
  const [submit, setSubmit] = useState<ComplaintSubmit>({ kind: 'idle' });
  const busy = useRef(false);

  const update = useCallback((patch: Partial<ComplaintValues>) => {
    setValues((prev) => {
      const next = { ...prev, ...patch };
      complaintDraft.save(next);
      return next;
    });
    setErrors((prev) => {
      const cleared = { ...prev };
      for (const key of Object.keys(patch)) delete cleared[key as keyof ComplaintErrors];
      if ('amountYuan' in patch) delete cleared.amount;
      if ('projectRegionPath' in patch) delete cleared.projectRegion;
      delete cleared.form;
      return cleared;
    });
  }, []);

  const next = useCallback(() => {
    const found = complaintStepErrors(values, step);
    setErrors(found);
    if (Object.keys(found).length === 0) setStep((s) => Math.min(s + 1, COMPLAINT_STEPS.length - 1));
  }, [values, step]);
  const prev = useCallback(() => setStep((s) => Math.max(0, s - 1)), []);

  const send = useCallback(
    async (evidence: readonly PickedFile[]) => {
      if (busy.current) return;
      const checked = validateComplaint(values);
      if (!checked.ok) {
        setErrors(checked.errors);
        setStep(firstComplaintStepWithError(checked.errors) ?? step);
        return;
      }
      busy.current = true;
      setSubmit({ kind: 'sending' });
      complaintDraft.save(values);
      const key = complaintDraft.keyFor(values, checked.input);
      try {
        let complaint = await fileComplaint(checked.input, key);
        complaintDraft.clear();
        let failed = 0;
        for (const [index, file] of evidence.entries()) {
          setSubmit({ kind: 'uploading', done: index, total: evidence.length });
          try {
            complaint = await uploadEvidence(complaint.id, file);
          } catch {
            failed += 1;
          }
        }
        setSubmit({ kind: 'done', complaint, failedUploads: failed });
      } catch (error) {
        if (error instanceof NetworkError) {
          setSubmit({ kind: 'offline' });
        } else {
          setSubmit({ kind: 'idle' });
          const mapped = error instanceof ApiError ? mapComplaintErrors(error.fields) : {};
          const found = Object.keys(mapped).length > 0 ? mapped : { form: errorText(error) };
          setErrors(found);
          const at = firstComplaintStepWithError(found);
          if (at !== null) setStep(at);
        }
      } finally {
        busy.current = false;
      }
    },
    [values, step],
  );

  return { values, errors, step, update, next, prev, send, submit, restored: restored !== null };
}
