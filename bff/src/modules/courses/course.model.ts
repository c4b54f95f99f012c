import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { CourseAudienceSchema, CourseModeSchema } from '@zhuanyi/shared';

/** A free training course (菜单式免费技能培训). */
const courseSchema = new Schema(
  {
    title: { type: String, required: true, trim: true, maxlength: 60 },
    trade: { type: String, required: true, trim: true, maxlength: 30 },
    /** Training institution. */
    provider: { type: String, required: true, trim: true, maxlength: 80 },
    regionCode: { type: String, required: true, match: /^\d{6,12}$/ },
    regionName: { type: String, required: true },
    regionPath: { type: [String], required: true },
    mode: { type: String, enum: CourseModeSchema.options, required: true },
    /** A subsidised course has at least 56 class hours. */
    classHours: { type: Number, required: true, min: 1, validate: Number.isInteger },
    subsidized: { type: Boolean, required: true, default: true },
    /** Capacity. */
    seats: { type: Number, required: true, min: 0, validate: Number.isInteger },
    /** Taken by active sign-ups; only ever changed by a conditional $inc (never above seats). */
    seatsTaken: { type: Number, required: true, default: 0, min: 0 },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    /** Defaults to the start. */
    signUpDeadline: { type: Date, default: null },
    status: { type: String, enum: ['open', 'closed'], required: true, default: 'open' },
    schedule: { type: String, default: '' },
    place: { type: String, default: null },
    onlineUrl: { type: String, default: null },
    freeFor: { type: [String], enum: CourseAudienceSchema.options, default: ['rural_labor'] },
    allowance: {
      type: new Schema(
        {
          livingFenPerDay: { type: Number, required: true, min: 0 },
          transportFen: { type: Number, required: true, min: 0 },
          forAudiences: { type: [String], enum: CourseAudienceSchema.options, default: [] },
        },
        { _id: false },
      ),
      default: null,
    },
    contactName: { type: String, default: '' },
    contactPhone: { type: String, default: '' },
    description: { type: String, default: '' },
    /** Set on courses imported from the public employment service (integrations/pes). */
    upstreamId: { type: String },
    upstreamVersion: { type: Number },
  },
  { timestamps: true, collection: 'courses' },
);
courseSchema.pre('validate', function () {
  this.signUpDeadline ??= this.startsAt;
  // Subsidised training needs at least 56 class hours.
  if (this.classHours < 56) this.subsidized = false;
});
// Catalog: open courses by start date, _id breaking ties (cursor pagination).
courseSchema.index({ status: 1, startsAt: 1, _id: 1 });
courseSchema.index({ trade: 1, status: 1, startsAt: 1, _id: 1 });
courseSchema.index({ provider: 1, status: 1, startsAt: 1, _id: 1 });
// One course per upstream record, however often it is pulled or imported.
courseSchema.index({ upstreamId: 1 }, { unique: true, partialFilterExpression: { upstreamId: { $type: 'string' } } });
// Staff console and monthly report: courses of a region.
courseSchema.index({ regionPath: 1, startsAt: 1 });

export type CourseRecord = InferSchemaType<typeof courseSchema> & { _id: Types.ObjectId };
export const Course = model('Course', courseSchema);
