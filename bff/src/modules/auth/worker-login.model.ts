import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { LocaleCodes } from '@zhuanyi/shared';

/**
 * How a worker signs in: by WeChat openid and/or by phone. One login per person; the
 * registration record it owns is `workerId` once registered or claimed. The phone is kept
 * encrypted with a blind index for lookup.
 */
const workerLoginSchema = new Schema(
  {
    openid: { type: String, default: undefined },
    unionid: { type: String, default: undefined },
    /** HMAC blind index of the normalized phone. */
    phoneIndex: { type: String, default: undefined },
    /** AES-GCM sealed phone. */
    phoneEnc: { type: String, default: undefined },
    workerId: { type: Schema.Types.ObjectId, default: undefined },
    active: { type: Boolean, required: true, default: true },
    lastSignInAt: { type: Date, default: null },
    /** UI language the worker chose (zh-CN, mn-Mong, ug, bo); null until chosen. */
    locale: { type: String, enum: LocaleCodes, default: null },
  },
  { timestamps: true, collection: 'worker_logins' },
);
workerLoginSchema.index({ openid: 1 }, { unique: true, sparse: true });
workerLoginSchema.index({ phoneIndex: 1 }, { unique: true, sparse: true });
workerLoginSchema.index({ workerId: 1 }, { unique: true, sparse: true });

export type WorkerLoginRecord = InferSchemaType<typeof workerLoginSchema> & { _id: Types.ObjectId };
export const WorkerLogin = model('WorkerLogin', workerLoginSchema);
