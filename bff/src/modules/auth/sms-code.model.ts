import { Schema, model } from 'mongoose';

/**
 * One-time sign-in codes. Only an HMAC of phone+code is kept; the TTL index removes a code
 * once `expiresAt` passes (5 minutes after it was sent). The service also compares
 * `expiresAt` with its clock, since the TTL monitor runs only about once a minute.
 */
const smsCodeSchema = new Schema(
  {
    phoneIndex: { type: String, required: true },
    codeHash: { type: String, required: true },
    attempts: { type: Number, required: true, default: 0 },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    consumedAt: { type: Date, default: null },
  },
  { collection: 'sms_codes', versionKey: false },
);
smsCodeSchema.index({ phoneIndex: 1, createdAt: -1 });
smsCodeSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const SmsCode = model('SmsCode', smsCodeSchema);

/** Codes sent to one phone on one China calendar day (`<phoneIndex>:<YYYY-MM-DD>`). */
const smsSendCounterSchema = new Schema(
  {
    _id: { type: String, required: true },
    count: { type: Number, required: true, default: 0 },
    lastSentAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'sms_send_counters', versionKey: false },
);
smsSendCounterSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const SmsSendCounter = model('SmsSendCounter', smsSendCounterSchema);
