import { EVIDENCE_MAX_FILES } from '@zhuanyi/shared';
import { useCallback, useState } from 'react';
import type { PickedFile } from '@/services/upload';
import { checkEvidence, pickFilesH5, pickFilesWeapp, pickPhotosWeapp } from '../evidence';

/** The evidence picked so far, with the reasons any file was left out. */
export function useEvidence() {
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [problems, setProblems] = useState<string[]>([]);

  const add = useCallback((picked: PickedFile[]) => {
    setFiles((current) => {
      const checked = checkEvidence(current, picked);
      setProblems(checked.problems);
      return [...current, ...checked.accepted];
    });
  }, []);

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

  const remove = useCallback((path: string) => setFiles((current) => current.filter((f) => f.path !== path)), []);
  const reset = useCallback(() => setFiles([]), []);

  return { files, problems, pick, remove, reset };
}
