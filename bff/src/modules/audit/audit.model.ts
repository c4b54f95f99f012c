import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * Append-only audit trail: who, when, what, why. Every read of full personal data and every
 * change by staff writes one entry. Nothing updates or deletes entries (the hooks refuse).
 */
const auditSchema = new Schema(
  {
    at: { type: Date, required: true },
    actorId: { type: String, required: true },
    actorRole: { type: String, required: true },
    actorName: { type: String, default: null },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, default: null },
    regionCode: { type: String, default: null },
    reason: { type: String, default: null },
    detail: { type: String, default: null },
  },
  { collection: 'audit_log', versionKey: false },
);
auditSchema.index({ at: -1, _id: -1 });
auditSchema.index({ actorId: 1, at: -1, _id: -1 });
auditSchema.index({ targetType: 1, targetId: 1, at: -1, _id: -1 });
auditSchema.index({ action: 1, at: -1, _id: -1 });

const refuse = () => {
  throw new Error('audit_log is append-only');
};
for (const op of ['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'deleteOne', 'deleteMany', 'findOneAndDelete'] as const) {
  auditSchema.pre(op, refuse);
}

export type AuditRecord = InferSchemaType<typeof auditSchema> & { _id: Types.ObjectId };
export const AuditModel = model('AuditEntry', auditSchema);
