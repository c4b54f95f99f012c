import { EVIDENCE_MAX_FILES } from '@zhuanyi/shared';
import { useCallback, useState } from 'react';
import type { DraftFile, PickedDraftFile } from '@/services/draft-store';
import { createIdempotencyKey } from '@/services/http';
import type { PickedFile } from '@/services/upload';
import { checkEvidence, keepOnPhone, pickFilesH5, pickFilesWeapp, pickPhotosWeapp } from '../evidence';

/** Where picked evidence is kept between app runs (the complaint draft); absent, it lives in memory only. */
export interface EvidenceKeeper {
  load(): DraftFile[];
  attach(files: readonly PickedDraftFile[]): DraftFile[];
  detach(path: string): DraftFile[];
}

const inMemory = (current: readonly DraftFile[], picked: readonly PickedFile[]): DraftFile[] => [
  ...current,
  ...picked.map((p) => ({ ...p, key: createIdempotencyKey(), uploaded: false })),
];

/** The evidence picked so far (each file with its own upload key), with the reasons any file was left out. */
export function useEvidence(keeper?: EvidenceKeeper) {
  const [files, setFiles] = useState<DraftFile[]>(() => keeper?.load().filter((f) => !f.uploaded) ?? []);
  const [problems, setProblems] = useState<string[]>([]);

  const add = useCallback(
    async (picked: PickedFile[]) => {
      const checked = checkEvidence(files, picked);
      setProblems(checked.problems);
      if (checked.accepted.length === 0) return;
      // weapp temp files may be cleaned up while the app sleeps: keep a saved copy for the draft.
      const kept = keeper ? await Promise.all(checked.accepted.map(keepOnPhone)) : checked.accepted;
      setFiles((current) => (keeper ? keeper.attach(kept).filter((f) => !f.uploaded) : inMemory(current, kept)));
    },
    [files, keeper],
  );

  const pick = useCallback(
    (kind: 'photo' | 'file') => {
      const left = EVIDENCE_MAX_FILES - files.length;
      const picking =
        process.env.TARO_ENV === 'weapp' ? (kind === 'photo' ? pickPhotosWeapp(left) : pickFilesWeapp(left)) : pickFilesH5();
      // Cancelling the picker rejects: nothing to add.
      picking.then(add, () => undefined);
    },
    [files.length, add],
  );

  const remove = useCallback(
    (path: string) => setFiles((current) => (keeper ? keeper.detach(path).filter((f) => !f.uploaded) : current.filter((f) => f.path !== path))),
    [keeper],
  );
  const reset = useCallback(() => setFiles([]), []);

  return { files, problems, pick, remove, reset };
}
