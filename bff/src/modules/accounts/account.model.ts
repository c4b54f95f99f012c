import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { LocaleCodes, RoleSchema } from '@zhuanyi/shared';

/**
 * A staff-side login (broker, staff, arbitration intake, admin). Workers sign in with
 * WeChat or SMS and are not accounts here.
 */
const accountSchema = new Schema(
  {
    username: { type: String, required: true, trim: true, lowercase: true, match: /^[a-z0-9_.-]{3,32}$/ },
    displayName: { type: String, required: true, trim: true, maxlength: 30 },
    role: { type: String, enum: RoleSchema.options, required: true },
    /** Region the account may act in: a county or township code; null means everywhere (admin). */
    regionScope: { type: String, default: null, match: /^\d{6,12}$/ },
    /** Mobile phone, sealed (FieldCrypto 'phone'); never stored in clear. */
    phoneEnc: { type: String, default: null },
    /** bcrypt hash. */
    passwordHash: { type: String, required: true },
    /** Brokers only: certified by staff and when. */
    certifiedAt: { type: Date, default: null },
    active: { type: Boolean, required: true, default: true },
    /** UI language the person chose; null until chosen. */
    locale: { type: String, enum: LocaleCodes, default: null },
  },
  { timestamps: true, collection: 'accounts' },
);
accountSchema.index({ username: 1 }, { unique: true });
accountSchema.index({ role: 1, regionScope: 1 });

export type AccountRecord = InferSchemaType<typeof accountSchema> & { _id: Types.ObjectId };
export const Account = model('Account', accountSchema);
