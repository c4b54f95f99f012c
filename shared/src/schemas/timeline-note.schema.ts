import { z } from 'zod';
import { ComplaintOutcomes } from '../domain/complaint-rules';
import { TimestampSchema } from './common.schema';
import { OfficeKindSchema } from './office.schema';

/** Catalog keys the server may write on a case timeline; the reader's client renders them in their language. */
export const TimelineNoteCodes = [
  'complaint.step.routed',
  'complaint.step.triage',
  'complaint.step.filedByStaff',
  'complaint.step.confirmed',
  'complaint.step.evidenceAdded',
  'complaint.step.supplemented',
  'complaint.step.supplementedDetail',
  'complaint.step.acceptedMissing',
  'complaint.step.transferred',
  'complaint.step.jurisdictionConfirmed',
  'complaint.step.arbitrate',
  'complaint.step.mediationSucceeded',
  'complaint.step.mediationFailed',
  'complaint.step.handoffDue',
  'complaint.step.handoffAnswered',
  'complaint.step.inspectionExtended',
  'complaint.step.hearing',
  'complaint.step.advanceExecution',
  'complaint.step.award',
  'complaint.step.closedAmount',
  'complaint.step.closedNote',
  'complaint.extended',
  ...ComplaintOutcomes.map((o) => `complaint.outcome.${o}` as const),
] as const;
export const TimelineNoteCodeSchema = z.enum(TimelineNoteCodes);

const PlainParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
/** Another catalog key (an outcome, a channel, "尾号 {last4}") rendered in the reader's language. */
const NoteRefSchema = z.object({ key: z.string().regex(/^complaint\.[\w.]+$/), params: PlainParamsSchema.optional() });

/**
 * One parameter: plain text or number, a key, a list of keys, a Beijing date (`day`) or date and time (`at`),
 * a region by code with its Chinese name (shown in the reader's language where the client knows it), or an office
 * by kind and county (its name composed by the client: `complaint.officeKind.<kind>` with the county's name).
 */
export const TimelineNoteParamSchema = z.union([
  z.string(),
  z.number(),
  NoteRefSchema,
  z.object({ list: z.array(NoteRefSchema) }),
  z.object({ day: TimestampSchema }),
  z.object({ at: TimestampSchema }),
  // Before the plain region: a region-only schema would match an office and drop its kind.
  z.object({ office: OfficeKindSchema, region: z.string(), name: z.string() }),
  z.object({ region: z.string(), name: z.string() }),
]);
export type TimelineNoteParam = z.infer<typeof TimelineNoteParamSchema>;

/** A server-written timeline note as a code with parameters (never Chinese text), like `FitWarningSchema`. */
export const TimelineNoteSchema = z
  .object({ code: TimelineNoteCodeSchema, params: z.record(z.string(), TimelineNoteParamSchema).default({}) })
  .meta({ id: 'TimelineNote' });
export type TimelineNote = z.infer<typeof TimelineNoteSchema>;

/** How one language renders notes: its catalog, its date formats and how it joins a list. */
export interface TimelineNoteRenderer {
  t: (key: string, params?: Record<string, string | number>) => string;
  day: (iso: string) => string;
  at: (iso: string) => string;
  listSeparator: string;
  /** A region's full name in this language (province first), given its Chinese one; absent: the Chinese one. */
  region?: (code: string, zhName: string) => string;
  /** A region's own name (a county, without its province) in this language; absent: the Chinese one. */
  regionName?: (code: string, zhName: string) => string;
}

function renderParam(p: TimelineNoteParam, r: TimelineNoteRenderer): string | number {
  if (typeof p === 'string' || typeof p === 'number') return p;
  if ('key' in p) return r.t(p.key, p.params);
  if ('list' in p) return p.list.map((x) => r.t(x.key, x.params)).join(r.listSeparator);
  if ('day' in p) return r.day(p.day);
  if ('at' in p) return r.at(p.at);
  if ('office' in p) return r.t(`complaint.officeKind.${p.office}`, { region: r.regionName?.(p.region, p.name) ?? p.name });
  return r.region?.(p.region, p.name) ?? p.name;
}

/** One note in one language. */
export function renderTimelineNote(note: TimelineNote, r: TimelineNoteRenderer): string {
  return r.t(note.code, Object.fromEntries(Object.entries(note.params).map(([k, v]) => [k, renderParam(v, r)])));
}

/** The notes of one entry, joined (a staff filing: who filed it; where it went). */
export function renderTimelineNotes(notes: readonly TimelineNote[], r: TimelineNoteRenderer): string {
  return notes.map((n) => renderTimelineNote(n, r)).join(r.listSeparator);
}
