import { Schema, model } from 'mongoose';

/**
 * Facts about the database itself, one document each: `fieldKeyCheck` (a known text sealed with
 * FIELD_ENCRYPTION_KEY, to tell a wrong key at start-up) and `demoSeeded` (demo accounts were created).
 */
export type SystemMarkerId = 'fieldKeyCheck' | 'demoSeeded';

export interface SystemMarkerRecord {
  _id: SystemMarkerId;
  sealed?: string;
  at: Date;
}

const systemMarkerSchema = new Schema<SystemMarkerRecord>(
  {
    _id: { type: String, required: true },
    sealed: { type: String },
    at: { type: Date, required: true },
  },
  { collection: 'system_markers', versionKey: false },
);

export const SystemMarker = model<SystemMarkerRecord>('SystemMarker', systemMarkerSchema);
