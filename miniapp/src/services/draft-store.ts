import Taro from '@tarojs/taro';
import { createIdempotencyKey } from './http';

/**
 * A form kept on the phone on every change, so a closed app or a dropped network never
 * loses it. The Idempotency-Key belongs to the draft: a resend of the same content reuses it,
 * so the server answers the first result instead of making a second record. When the content
 * changes after an attempt, a new key is made (the old one is bound to the old body).
 */
export interface Draft<T> {
  values: T;
  idempotencyKey: string;
  /** The body last sent with this key; null before the first attempt. */
  sentBody: string | null;
  savedAt: number;
}

export interface DraftStore<T> {
  load(): Draft<T> | null;
  save(values: T): Draft<T>;
  /** The key to send `body` with: the same key for the same body, a new one otherwise. */
  keyFor(values: T, body: unknown): string;
  clear(): void;
}

export function createDraftStore<T>(storageKey: string, isValues: (v: unknown) => v is T, now: () => number = Date.now): DraftStore<T> {
  const read = (): Draft<T> | null => {
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
      };
    } catch {
      return null;
    }
  };
  const write = (draft: Draft<T>): Draft<T> => {
    try {
      Taro.setStorageSync(storageKey, JSON.stringify(draft));
    } catch {
      // Storage full: the form still works, only the copy on the phone is missing.
    }
    return draft;
  };
  return {
    load: read,
    save(values) {
      const current = read();
      return write({
        values,
        idempotencyKey: current?.idempotencyKey ?? createIdempotencyKey(),
        sentBody: current?.sentBody ?? null,
        savedAt: now(),
      });
    },
    keyFor(values, body) {
      const text = JSON.stringify(body);
      const current = read();
      const reuse = current && (current.sentBody === null || current.sentBody === text);
      const key = reuse ? current.idempotencyKey : createIdempotencyKey();
      write({ values, idempotencyKey: key, sentBody: text, savedAt: now() });
      return key;
    },
    clear() {
      Taro.removeStorageSync(storageKey);
    },
  };
}
