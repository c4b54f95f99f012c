import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { EnrollmentStatusSchema } from '@zhuanyi/shared';

/** A worker's sign-up for a course: one per worker and course (a cancelled one is renewed, not duplicated). */
const enrollmentSchema = new Schema(
  {
    /** The worker's login (subject id). */
    workerLoginId: { type: String, required: true },
    workerId: { type: String, default: null },
    courseId: { type: Schema.Types.ObjectId, ref: 'Course', required: true },
    /** The course's region when signed up, for the county staff's list (scope is checked on the course). */
    regionCode: { type: String, default: null },
    status: { type: String, enum: EnrollmentStatusSchema.options, required: true },
    /** True while this sign-up holds a seat; flips exactly once each way, with the course's $inc. */
    holdsSeat: { type: Boolean, required: true, default: false },
    history: {
      type: [new Schema({ status: { type: String, enum: EnrollmentStatusSchema.options, required: true }, at: { type: Date, required: true } }, { _id: false })],
      default: [],
    },
  },
  { timestamps: true, collection: 'course_enrollments' },
);
enrollmentSchema.index({ workerLoginId: 1, courseId: 1 }, { unique: true });
enrollmentSchema.index({ workerLoginId: 1, createdAt: -1, _id: -1 });
enrollmentSchema.index({ courseId: 1, status: 1 });
enrollmentSchema.index({ regionCode: 1, createdAt: -1, _id: -1 });
enrollmentSchema.index({ courseId: 1, createdAt: -1, _id: -1 });

export type EnrollmentRecord = InferSchemaType<typeof enrollmentSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const EnrollmentModel = model('CourseEnrollment', enrollmentSchema);
