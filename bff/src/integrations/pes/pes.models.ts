/**
 * The PES connector's own collections: the outbox (what must reach the PES), per-record
 * sequences, leases (one instance runs a sync at a time), sync state (cursor and counts) and
 * the records set aside as malformed.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { PES_PUSH_TYPES } from './pes.contract';

export const OUTBOX_STATES = ['pending', 'delivered', 'dead'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

const sealedSchema = new Schema(
  {
    /** Where the opened value goes in `data`. */
    path: { type: String, required: true },
    field: { type: String, enum: ['idNumber', 'phone', 'bankCard'], required: true },
    /** FieldCrypto-sealed value: personal data never sits in the outbox in clear. */
    value: { type: String, required: true },
  },
  { _id: false },
);

const outboxSchema = new Schema(
  {
    type: { type: String, enum: PES_PUSH_TYPES, required: true },
    /** The app's record, e.g. worker:<id>; deliveries are in sequence order per ref. */
    ref: { type: String, required: true },
    sequence: { type: Number, required: true },
    idempotencyKey: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    sealed: { type: [sealedSchema], default: [] },
    /** Region codes of the record (household or intake), for staff counts by scope. */
    regionPath: { type: [String], default: [] },
    state: { type: String, enum: OUTBOX_STATES, required: true, default: 'pending' },
    attempts: { type: Number, required: true, default: 0 },
    /** When the item may be tried next; pushed ahead while an instance holds it. */
    nextAttemptAt: { type: Date, required: true },
    claimedBy: { type: String, default: null },
    lastError: { type: String, default: null },
    receiptId: { type: String, default: null },
    deliveredAt: { type: Date, default: null },
    deadAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'pes_outbox', minimize: false },
);
outboxSchema.index({ idempotencyKey: 1 }, { unique: true });
outboxSchema.index({ ref: 1, sequence: 1 }, { unique: true });
// The dispatcher's scan: due pending items, oldest first.
outboxSchema.index({ state: 1, nextAttemptAt: 1 });
// Admin lists (newest first) and staff counts by region.
outboxSchema.index({ state: 1, createdAt: -1, _id: -1 });
outboxSchema.index({ regionPath: 1, state: 1 });
// Delivered items are kept 30 days for the record.
outboxSchema.index({ deliveredAt: 1 }, { expireAfterSeconds: 30 * 86_400, partialFilterExpression: { state: 'delivered' } });

export type OutboxRecord = InferSchemaType<typeof outboxSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const PesOutbox = model('PesOutbox', outboxSchema);

/** Next sequence per ref (incremented in the same transaction as the change). */
const sequenceSchema = new Schema({ _id: { type: String, required: true }, seq: { type: Number, required: true } }, { collection: 'pes_sequences', versionKey: false });
export const PesSequence = model('PesSequence', sequenceSchema);

/** A named lease: whoever holds an unexpired one runs the job it names. */
const leaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    acquiredAt: { type: Date, required: true },
  },
  { collection: 'pes_leases', versionKey: false },
);
export type LeaseRecord = InferSchemaType<typeof leaseSchema>;
export const PesLease = model('PesLease', leaseSchema);

const totalsSchema = new Schema(
  {
    created: { type: Number, default: 0 },
    updated: { type: Number, default: 0 },
    removed: { type: Number, default: 0 },
    stale: { type: Number, default: 0 },
    rejected: { type: Number, default: 0 },
  },
  { _id: false },
);

/** Per kind (job, course, employment): where the pull stands and how the last runs went. */
const syncStateSchema = new Schema(
  {
    _id: { type: String, enum: ['job', 'course', 'employment'], required: true },
    cursor: { type: String, default: null },
    lastStartedAt: { type: Date, default: null },
    lastFinishedAt: { type: Date, default: null },
    lastSuccessAt: { type: Date, default: null },
    lastError: { type: String, default: null },
    lastOwner: { type: String, default: null },
    totals: { type: totalsSchema, default: () => ({}) },
  },
  { collection: 'pes_sync_state', versionKey: false },
);
export type SyncStateRecord = InferSchemaType<typeof syncStateSchema>;
export const PesSyncState = model('PesSyncState', syncStateSchema);

/** An upstream record that could not be imported, with the reason; one row per distinct record. */
const rejectSchema = new Schema(
  {
    kind: { type: String, enum: ['job', 'course', 'employment'], required: true },
    source: { type: String, enum: ['pull', 'file'], required: true },
    upstreamId: { type: String, default: null },
    version: { type: Number, default: null },
    reason: { type: String, required: true },
    /** The record as received (cut to 8 KB of JSON). */
    record: { type: String, required: true },
    fingerprint: { type: String, required: true },
    count: { type: Number, required: true, default: 1 },
    firstSeenAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
  },
  { collection: 'pes_rejects', versionKey: false },
);
rejectSchema.index({ fingerprint: 1 }, { unique: true });
rejectSchema.index({ lastSeenAt: -1, _id: -1 });

export type RejectRecord = InferSchemaType<typeof rejectSchema> & { _id: Types.ObjectId };
export const PesReject = model('PesReject', rejectSchema);
