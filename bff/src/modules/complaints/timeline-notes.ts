/**
 * Timeline notes the server writes: stored as codes with parameters (rendered by each reader's client in
 * their language) and, for older clients, entries and the SMS/WeChat notices, as the same text in Chinese.
 */
import { renderTimelineNotes, t, type TimelineNote, type TimelineNoteParam, type TimelineNoteRenderer } from '@zhuanyi/shared';
import type { FieldCrypto } from '../../security/field-crypto';
import { maskSealed, maskSealedDeep, sealFreeText, sealTextFields } from '../../security/sealed-text';

const zhCN: TimelineNoteRenderer = {
  t,
  day: (iso) => new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }),
  at: (iso) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
  listSeparator: '；',
};

/** One note: a code of `TimelineNoteCodes` and its parameters. */
export const note = (code: TimelineNote['code'], params: Record<string, TimelineNoteParam> = {}): TimelineNote => ({ code, params });

/** The notes in Chinese (the stored `note`, the notices). */
export const notesText = (notes: readonly TimelineNote[]): string => renderTimelineNotes(notes, zhCN);

/** What a timeline entry stores for these notes: personal numbers in free-text parameters sealed in both forms. */
export function noteFields(crypto: Pick<FieldCrypto, 'encrypt'>, notes: readonly TimelineNote[]): { note: string; notes: TimelineNote[] } {
  return { note: sealFreeText(crypto, notesText(notes)), notes: sealTextFields(crypto, { notes }).notes as TimelineNote[] };
}

/** A stored entry as readers get it: sealed numbers masked; `notes` only where the entry has them. */
export function entryView<S extends string>(e: { status: S; at: Date; note?: string | null; notes?: unknown[] | null }): { status: S; at: string; note: string | null; notes?: TimelineNote[] } {
  return {
    status: e.status,
    at: e.at.toISOString(),
    note: maskSealed(e.note ?? null),
    ...(e.notes?.length ? { notes: maskSealedDeep(e.notes as TimelineNote[]) } : {}),
  };
}
