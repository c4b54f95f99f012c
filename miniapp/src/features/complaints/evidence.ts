import Taro from '@tarojs/taro';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from '@zhuanyi/shared';
import { t } from '@/i18n';
import type { PickedFile } from '@/services/upload';

const ALLOWED = /\.(jpe?g|png|webp|heic|pdf)$/i;
const ALLOWED_TYPES = /^(image\/(jpeg|png|webp|heic)|application\/pdf)$/;

export interface EvidenceCheck {
  accepted: PickedFile[];
  /** Plain-Chinese reasons for files left out. */
  problems: string[];
}

/** Keeps at most 9 files in all, each at most 10 MB and a photo or PDF (the server checks content too). */
export function checkEvidence(current: readonly PickedFile[], added: readonly PickedFile[]): EvidenceCheck {
  const accepted: PickedFile[] = [];
  const problems: string[] = [];
  for (const file of added) {
    const typeOk = ALLOWED_TYPES.test(file.type) || ALLOWED.test(file.name) || ALLOWED.test(file.path);
    if (!typeOk) problems.push(t('complaint.badType', { name: file.name }));
    else if (file.size > EVIDENCE_MAX_BYTES) problems.push(t('complaint.tooLarge', { name: file.name }));
    else if (current.length + accepted.length >= EVIDENCE_MAX_FILES) {
      if (!problems.includes(t('complaint.tooMany'))) problems.push(t('complaint.tooMany'));
    } else accepted.push(file);
  }
  return { accepted, problems };
}

/** weapp: a saved copy of a picked temp file (survives the app being closed); the temp path when saving fails or on H5. */
export async function keepOnPhone(file: PickedFile): Promise<PickedFile> {
  if (process.env.TARO_ENV !== 'weapp') return file;
  try {
    const saved = await Taro.saveFile({ tempFilePath: file.path });
    return { ...file, path: (saved as { savedFilePath: string }).savedFilePath };
  } catch {
    return file;
  }
}

/** weapp: deletes a saved copy once uploaded (saved files count against a 10 MB quota). */
export function forgetOnPhone(path: string): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  Taro.removeSavedFile({ filePath: path }).catch(() => undefined);
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** weapp: photos from the camera or album. */
export async function pickPhotosWeapp(max: number): Promise<PickedFile[]> {
  const res = await Taro.chooseImage({ count: Math.max(1, max), sizeType: ['compressed'], sourceType: ['camera', 'album'] });
  return res.tempFiles.map((f) => ({ path: f.path, name: baseName(f.path), size: f.size, type: f.type ?? '' }));
}

/** weapp: PDFs (or photos) from a chat. */
export async function pickFilesWeapp(max: number): Promise<PickedFile[]> {
  const res = await Taro.chooseMessageFile({ count: Math.max(1, max), type: 'file', extension: ['pdf', 'jpg', 'jpeg', 'png'] });
  return res.tempFiles.map((f) => ({ path: f.path, name: f.name, size: f.size, type: '' }));
}

/** H5: a file input (photos and PDFs); must be called straight from a tap. */
export function pickFilesH5(): Promise<PickedFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = 'image/*,application/pdf';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).map((file) => ({
        path: URL.createObjectURL(file),
        name: file.name,
        size: file.size,
        type: file.type,
      }));
      input.remove();
      resolve(files);
    });
    document.body.appendChild(input);
    input.click();
  });
}
