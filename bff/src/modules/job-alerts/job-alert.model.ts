import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { JobAlertChannelSchema } from '@zhuanyi/shared';

/**
 * One worker login's job alert: the trades and places watched, the channel, and what was sent.
 * `since` is the watermark: jobs created after it are news. `lastSentDay` (Asia/Shanghai
 * YYYY-MM-DD) holds the once-a-day limit; stopping alerts deletes the document.
 */
const jobAlertSchema = new Schema(
  {
    subjectId: { type: String, required: true },
    trades: { type: [String], required: true },
    /** Province to county codes; empty: anywhere. */
    regionCodes: { type: [String], default: [] },
    channel: { type: String, enum: JobAlertChannelSchema.options, required: true },
    createdAt: { type: Date, required: true },
    since: { type: Date, required: true },
    lastSentDay: { type: String, default: null },
    /** The last digest: its outbox id (notification_retries.complaintId), time and text. */
    lastNoticeId: { type: String, default: null },
    lastNoticeAt: { type: Date, default: null },
    lastNoticeText: { type: String, default: null },
  },
  { collection: 'job_alerts', versionKey: false },
);
jobAlertSchema.index({ subjectId: 1 }, { unique: true });
// The sweep reads the alerts not yet sent today.
jobAlertSchema.index({ lastSentDay: 1 });

export type JobAlertRecord = InferSchemaType<typeof jobAlertSchema> & { _id: Types.ObjectId };
export const JobAlertModel = model('JobAlert', jobAlertSchema);
