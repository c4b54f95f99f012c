import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { CourseModeSchema } from '@zhuanyi/shared';

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
    seats: { type: Number, required: true, min: 0, validate: Number.isInteger },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    description: { type: String, default: '' },
  },
  { timestamps: true, collection: 'courses' },
);
courseSchema.index({ regionPath: 1, startsAt: 1 });
courseSchema.index({ trade: 1, startsAt: 1 });

export type CourseRecord = InferSchemaType<typeof courseSchema> & { _id: Types.ObjectId };
export const Course = model('Course', courseSchema);
