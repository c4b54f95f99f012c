import type { Complaint, ComplaintCreateInput } from '@zhuanyi/shared';
import type { DraftFile, DraftStore } from '@/services/draft-store';
import { NetworkError } from '@/services/errors';

export interface SubmitDeps {
  file: (input: ComplaintCreateInput, idempotencyKey: string) => Promise<Complaint>;
  get: (id: string) => Promise<Complaint>;
  upload: (id: string, file: DraftFile, idempotencyKey: string) => Promise<Complaint>;
  /** After each file (uploaded or refused). */
  progress?: (done: number, total: number) => void;
  /** A file is uploaded (e.g. to delete a saved copy on the phone). */
  uploaded?: (file: DraftFile) => void;
}

/**
 * Files the complaint once and uploads each kept file once, resuming after a dropped network:
 * the complaint goes with the draft's key (and is not filed again once its id is known), each
 * file with its own key; a NetworkError leaves the draft (values, id, files not yet uploaded) on
 * the phone and is thrown for the caller to offer a retry. A file the server refuses (type, size)
 * is counted and dropped. The draft is cleared when everything is through.
 */
export async function submitWithEvidence<T>(
  draft: DraftStore<T>,
  values: T,
  input: ComplaintCreateInput,
  deps: SubmitDeps,
): Promise<{ complaint: Complaint; failedUploads: number }> {
  const key = draft.keyFor(values, input);
  const known = draft.load()?.resultId ?? null;
  let complaint = known ? await deps.get(known) : await deps.file(input, key);
  draft.setResult(complaint.id);
  let failed = 0;
  const files = draft.load()?.files ?? [];
  for (const [index, f] of files.entries()) {
    if (f.uploaded) continue;
    deps.progress?.(index, files.length);
    try {
      complaint = await deps.upload(complaint.id, f, f.key);
      deps.uploaded?.(f);
    } catch (error) {
      if (error instanceof NetworkError) throw error;
      failed += 1;
    }
    draft.markUploaded(f.path);
  }
  draft.clear();
  return { complaint, failedUploads: failed };
}
