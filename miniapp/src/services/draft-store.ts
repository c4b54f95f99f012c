import Taro from '@tarojs/taro';
import { findPersonalNumbers } from '@zhuanyi/shared';
import { getSubject } from './auth-token';
import { createIdempotencyKey } from './http';

/**
 * A form kept on the phone on every change, so a closed app or a dropped network never
 * loses it. The Idempotency-Key belongs to the draft: a resend of the same content reuses it,
 * so the server answers the first result instead of making a second record. When the content
 * changes after an attempt, a new key is made (the old one is bound to the old body).
 *
 * A draft may carry files (e.g. complaint evidence): each is kept by its local path, with its
 * own upload key and whether it is uploaded, so a retry uploads only what is left, each with
 * the key it was first sent with. Once the record is made, its id is kept (`resultId`) so a
 * retry never files a second one.
 *
 * Drafts belong to the account signed in (`<key>:<subjectId>`), so the next person on a shared
 * phone sees an empty form, and sign-out removes them all (clearSession). What is stored is
 * reduced: the fields named secret (the full ID number, the bank card) are never written, a
 * whole ID or card number typed into any other text is cut out, and the last body sent is kept
 * as a hash only (enough to tell a resend of the same content).
 */
export interface DraftFile {
  /** Local path: a weapp saved/temp file or an H5 blob URL. */
  path: string;
  name: string;
  size: number;
  type: string;
  /** Idempotency-Key of this file's upload. */
  key: string;
  uploaded: boolean;
}

export type PickedDraftFile = Omit<DraftFile, 'key' | 'uploaded'>;

/** Sane limits for what a draft keeps on the phone: paths and names, never file contents. */
export const DRAFT_MAX_FILES = 9;
const MAX_PATH = 2048;
const MAX_NAME = 255;

export interface Draft<T> {
  values: T;
  idempotencyKey: string;
  /** A hash of the body last sent with this key; null before the first attempt. */
  sentBody: string | null;
  savedAt: number;
  files: DraftFile[];
  /** The id of the record made from this draft, once the server answered. */
  resultId: string | null;
}

export interface DraftStore<T> {
  load(): Draft<T> | null;
  save(values: T): Draft<T>;
  /** The key to send `body` with: the same key for the same body, a new one otherwise. */
  keyFor(values: T, body: unknown): string;
  /** Keeps picked files (each with a new upload key); files already kept (same path) are not added twice. */
  attach(values: T, files: readonly PickedDraftFile[]): DraftFile[];
  detach(path: string): DraftFile[];
  markUploaded(path: string): DraftFile[];
  /** Remembers the record this draft made. */
  setResult(id: string): void;
  clear(): void;
}

function isDraftFile(v: unknown): v is DraftFile {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return typeof f.path === 'string' && typeof f.name === 'string' && typeof f.size === 'number' && typeof f.type === 'string' && typeof f.key === 'string' && typeof f.uploaded === 'boolean';
}

/** FNV-1a (two 32-bit lanes): tells equal bodies apart without keeping them. */
function bodyHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x85ebca6b) >>> 0;
  }
  return `h${a.toString(16)}${b.toString(16)}`;
}

/** The values as stored: secret fields blank, whole ID and card numbers cut out of other text. */
function reduced(value: unknown, secretFields: ReadonlySet<string>, key?: string): unknown {
  if (key !== undefined && secretFields.has(key)) return typeof value === 'string' ? '' : value;
  if (typeof value === 'string') {
    let out = value;
    for (const m of findPersonalNumbers(value).reverse()) if (m.kind !== 'phone') out = out.slice(0, m.start) + out.slice(m.end);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => reduced(v, secretFields));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reduced(v, secretFields, k)]));
  return value;
}

/** `baseKey` starts with `draft.` (clearSession removes every such key at sign-out). */
export function createDraftStore<T>(
  baseKey: string,
  isValues: (v: unknown) => v is T,
  now: () => number = Date.now,
  /** Fields never written to the phone (the full ID number, the bank card). */
  secretFields: readonly string[] = [],
): DraftStore<T> {
  const secrets = new Set(secretFields);
  const keyOf = (): string => `${baseKey}:${getSubject()?.subjectId ?? 'signed-out'}`;
  const read = (): Draft<T> | null => {
    const storageKey = keyOf();
    try {
      const raw: unknown = Taro.getStorageSync(storageKey);
      if (typeof raw !== 'string' || raw === '') return null;
      const parsed = JSON.parse(raw) as Partial<Draft<unknown>>;
      if (typeof parsed.idempotencyKey !== 'string' || !isValues(parsed.values)) return null;
      return {
        values: parsed.values,
        idempotencyKey: parsed.idempotencyKey,
        sentBody: typeof parsed.sentBody === 'string' ? parsed.sentBody : null,
        savedAt: typeof parsed.savedAt === 'number' ? parsed.savedAt : 0,
        files: Array.isArray(parsed.files) ? parsed.files.filter(isDraftFile).slice(0, DRAFT_MAX_FILES) : [],
        resultId: typeof parsed.resultId === 'string' ? parsed.resultId : null,
      };
    } catch {
      return null;
    }
  };
  const write = (draft: Draft<T>): Draft<T> => {
    try {
      Taro.setStorageSync(keyOf(), JSON.stringify({ ...draft, values: reduced(draft.values, secrets) }));
    } catch {
      // Storage full: the form still works, only the copy on the phone is missing.
    }
    return draft;
  };
  const fresh = (values: T, current: Draft<T> | null): Draft<T> => ({
    values,
    idempotencyKey: current?.idempotencyKey ?? createIdempotencyKey(),
    sentBody: current?.sentBody ?? null,
    savedAt: now(),
    files: current?.files ?? [],
    resultId: current?.resultId ?? null,
  });
  const changeFiles = (change: (files: DraftFile[]) => DraftFile[]): DraftFile[] => {
    const current = read();
    if (!current) return [];
    return write({ ...current, files: change(current.files), savedAt: now() }).files;
  };
  return {
    load: read,
    save(values) {
      return write(fresh(values, read()));
    },
    keyFor(values, body) {
      const text = bodyHash(JSON.stringify(body));
      const current = read();
      const reuse = current && (current.sentBody === null || current.sentBody === text);
      const key = reuse ? current.idempotencyKey : createIdempotencyKey();
      write({ ...fresh(values, current), idempotencyKey: key, sentBody: text });
      return key;
    },
    attach(values, picked) {
      const draft = fresh(values, read());
      const files = [...draft.files];
      for (const p of picked) {
        if (files.length >= DRAFT_MAX_FILES) break;
        if (p.path.length > MAX_PATH || files.some((f) => f.path === p.path)) continue;
        files.push({ path: p.path, name: p.name.slice(0, MAX_NAME), size: p.size, type: p.type, key: createIdempotencyKey(), uploaded: false });
      }
      return write({ ...draft, files }).files;
    },
    detach(path) {
      return changeFiles((files) => files.filter((f) => f.path !== path || f.uploaded));
    },
    markUploaded(path) {
      return changeFiles((files) => files.map((f) => (f.path === path ? { ...f, uploaded: true } : f)));
    },
    setResult(id) {
      const current = read();
      if (current) write({ ...current, resultId: id, savedAt: now() });
    },
    clear() {
      Taro.removeStorageSync(keyOf());
    },
  };
}
