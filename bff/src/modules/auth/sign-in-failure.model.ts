import { Schema, model } from 'mongoose';

/**
 * Failed password sign-ins, one document per throttled key (sign-in-throttle.ts):
 * `account:<username>` (known or not, so the delay reveals nothing), `address:<hmac of IP>`, and
 * `known:<username>:<hmac of IP>` for an address the account signed in from before.
 * `label` is what an admin sees (the username, or a masked address). Expires a day after the last failure.
 */
export interface SignInFailureRecord {
  _id: string;
  kind: 'account' | 'address' | 'known';
  label: string;
  failures: number;
  blockedUntil: Date | null;
  lastFailureAt: Date;
  expiresAt: Date;
}

const signInFailureSchema = new Schema<SignInFailureRecord>(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: ['account', 'address', 'known'], required: true },
    label: { type: String, required: true },
    failures: { type: Number, required: true, default: 0 },
    blockedUntil: { type: Date, default: null },
    lastFailureAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'sign_in_failures', versionKey: false },
);
signInFailureSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
signInFailureSchema.index({ blockedUntil: -1 });

export const SignInFailure = model<SignInFailureRecord>('SignInFailure', signInFailureSchema);

/** Addresses an account signed in from successfully (hashed); their failures count apart from strangers'. */
const knownSignInClientSchema = new Schema(
  {
    _id: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'known_sign_in_clients', versionKey: false },
);
knownSignInClientSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const KnownSignInClient = model('KnownSignInClient', knownSignInClientSchema);
