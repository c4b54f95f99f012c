import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { RoleSchema } from '@zhuanyi/shared';

/**
 * One refresh token, stored as its SHA-256 hash. Tokens of one sign-in form a family:
 * each refresh marks the old one used and issues the next; presenting a used token again
 * revokes the whole family, unless it comes within 30 s of its use (a retried refresh; tokens.ts).
 */
const refreshTokenSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    familyId: { type: String, required: true },
    subjectId: { type: String, required: true },
    role: { type: String, enum: RoleSchema.options, required: true },
    issuedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    /** When the one reuse the grace interval allows was given (a second reuse revokes the family). */
    graceUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'refresh_tokens', versionKey: false },
);
refreshTokenSchema.index({ tokenHash: 1 }, { unique: true });
refreshTokenSchema.index({ familyId: 1 });
refreshTokenSchema.index({ subjectId: 1 });
refreshTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type RefreshTokenRecord = InferSchemaType<typeof refreshTokenSchema> & { _id: Types.ObjectId };
export const RefreshToken = model('RefreshToken', refreshTokenSchema);
