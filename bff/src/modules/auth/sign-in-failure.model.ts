import { Schema, model } from 'mongoose';

/**
 * Failed password sign-ins per username (known or not, so lockout reveals nothing).
 * The document expires a day after the last failure.
 */
const signInFailureSchema = new Schema(
  {
    _id: { type: String, required: true },
    failures: { type: Number, required: true, default: 0 },
    lockedUntil: { type: Date, default: null },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'sign_in_failures', versionKey: false },
);
signInFailureSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const SignInFailure = model('SignInFailure', signInFailureSchema);
