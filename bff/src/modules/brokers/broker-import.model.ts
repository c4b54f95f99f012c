import { Schema, model, type Types } from 'mongoose';
import { ImportOutcomeSchema, ImportStatusSchema, type ImportOutcome, type ImportStatus } from '@zhuanyi/shared';

/**
 * A spreadsheet import as a stored job: the upload sits in GridFS (bucket `imports`), rows are
 * processed server-side in slices and each slice's answers are saved before the next, so a lost
 * connection or a restarted server loses nothing. One import per broker and file hash.
 */
export interface ImportRowDoc {
  row: number;
  outcome: ImportOutcome;
  name: string | null;
  idNumberMasked: string | null;
  workerId: string | null;
  reasons: string[];
}

export interface BrokerImportRecord {
  _id: Types.ObjectId;
  brokerId: string;
  fileHash: string;
  fileId: Types.ObjectId;
  filename: string;
  format: 'xlsx' | 'csv';
  status: ImportStatus;
  totalRows: number;
  processedRows: number;
  rows: ImportRowDoc[];
  failure: string | null;
  /** Processing lease: another instance may take over after it lapses. */
  leaseUntil: Date | null;
  leaseToken: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const importSchema = new Schema<BrokerImportRecord>(
  {
    brokerId: { type: String, required: true },
    fileHash: { type: String, required: true },
    fileId: { type: Schema.Types.ObjectId, required: true },
    filename: { type: String, required: true },
    format: { type: String, enum: ['xlsx', 'csv'], required: true },
    status: { type: String, enum: ImportStatusSchema.options, required: true },
    totalRows: { type: Number, default: 0 },
    processedRows: { type: Number, default: 0 },
    rows: {
      type: [
        new Schema(
          {
            row: Number,
            outcome: { type: String, enum: ImportOutcomeSchema.options },
            name: { type: String, default: null },
            idNumberMasked: { type: String, default: null },
            workerId: { type: String, default: null },
            reasons: { type: [String], default: [] },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    failure: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
    leaseToken: { type: String, default: null },
    startedAt: { type: Date, default: null },
    finishedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'broker_imports' },
);
importSchema.index({ brokerId: 1, fileHash: 1 }, { unique: true });
importSchema.index({ brokerId: 1, createdAt: -1 });
importSchema.index({ status: 1, leaseUntil: 1 });

export const BrokerImportModel = model<BrokerImportRecord>('BrokerImport', importSchema);
