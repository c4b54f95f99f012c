import type { Complaint } from '@zhuanyi/shared';
import { useCallback, useMemo, useRef, useState } from 'react';
import { errorText } from '@/services/error-text';
import { ApiError, NetworkError } from '@/services/errors';
import { fileComplaint, getComplaint, uploadEvidence } from '../api/complaints-api';
import { forgetOnPhone } from '../evidence';
import type { EvidenceKeeper } from './use-evidence';
import { submitWithEvidence } from '../submit-with-evidence';
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
  // The review before the first submission (everything in plain words).
  const [reviewing, setReviewing] = useState(false);
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

  /** From the last step to the review: only when everything checks out (else to the first step with an error). */
  const review = useCallback(() => {
    const checked = validateComplaint(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setStep(firstComplaintStepWithError(checked.errors) ?? step);
      return;
    }
    setErrors({});
    setReviewing(true);
  }, [values, step]);
  /** From the review back to one step to change it. */
  const edit = useCallback((to: number) => {
    setReviewing(false);
    setStep(Math.min(Math.max(0, to), COMPLAINT_STEPS.length - 1));
  }, []);

  const send = useCallback(
    async () => {
      if (busy.current) return;
      const checked = validateComplaint(values);
      if (!checked.ok) {
        setErrors(checked.errors);
        setStep(firstComplaintStepWithError(checked.errors) ?? step);
        setReviewing(false);
        return;
      }
      busy.current = true;
      setSubmit({ kind: 'sending' });
      complaintDraft.save(values);
      try {
        const { complaint, failedUploads } = await submitWithEvidence(complaintDraft, values, checked.input, {
          file: fileComplaint,
          get: getComplaint,
          upload: (id, file, key) => uploadEvidence(id, file, key),
          progress: (done, total) => setSubmit({ kind: 'uploading', done, total }),
          uploaded: (file) => forgetOnPhone(file.path),
        });
        setSubmit({ kind: 'done', complaint, failedUploads });
      } catch (error) {
        if (error instanceof NetworkError) {
          setSubmit({ kind: 'offline' });
        } else {
          setSubmit({ kind: 'idle' });
          const mapped = error instanceof ApiError ? mapComplaintErrors(error.fields) : {};
          const found = Object.keys(mapped).length > 0 ? mapped : { form: errorText(error) };
          setErrors(found);
          const at = firstComplaintStepWithError(found);
          if (at !== null) {
            setStep(at);
            setReviewing(false);
          }
        }
      } finally {
        busy.current = false;
      }
    },
    [values, step],
  );

  // Picked evidence is kept in the draft with the form, so a dropped network or a closed app loses neither.
  const valuesRef = useRef(values);
  valuesRef.current = values;
  const evidenceKeeper = useMemo<EvidenceKeeper>(
    () => ({
      load: () => complaintDraft.load()?.files ?? [],
      attach: (files) => complaintDraft.attach(valuesRef.current, files),
      detach: (path) => complaintDraft.detach(path),
    }),
    [],
  );

  return { values, errors, step, update, next, prev, review, reviewing, edit, send, submit, restored: restored !== null, evidenceKeeper };
}
