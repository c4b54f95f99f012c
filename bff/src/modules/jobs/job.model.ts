import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { TransportModeSchema, regionCodePath } from '@zhuanyi/shared';
import { searchGramsOf, searchTextOf } from './job-search';
import { SEARCH_WORDS_VERSION } from './search-words';

const jobSchema = new Schema(
  {
    title: { type: String, required: true, trim: true, maxlength: 60 },
    /** 工种, e.g. 电焊工, 家政服务员. */
    trade: { type: String, required: true, trim: true, maxlength: 30 },
    employerId: { type: Schema.Types.ObjectId, ref: 'Employer', required: true },
    // Copied from the employer and the region so a list needs one query.
    employerName: { type: String, required: true },
    employerVerified: { type: Boolean, required: true },
    /** Where the work is (county code or finer). */
    regionCode: { type: String, required: true, match: /^\d{6,12}$/ },
    regionName: { type: String, required: true },
    /** Codes from the province down to regionCode, for "jobs in 通辽市" filters. */
    regionPath: { type: [String], required: true },
    payMinFen: { type: Number, required: true, min: 0, validate: Number.isInteger },
    payMaxFen: { type: Number, required: true, min: 0, validate: Number.isInteger },
    mealsAndLodging: { type: Boolean, required: true, default: false },
    transport: { type: String, enum: TransportModeSchema.options, required: true, default: 'none' },
    publicWelfare: { type: Boolean, required: true, default: false },
    openings: { type: Number, required: true, min: 0, validate: Number.isInteger },
    deadline: { type: Date, default: null },
    status: { type: String, enum: ['open', 'closed'], required: true, default: 'open' },
    description: { type: String, default: '', maxlength: 4000 },
    requirements: { type: [String], default: [] },
    benefits: { type: [String], default: [] },
    workAddress: { type: String, default: '' },
    ageMin: { type: Number, default: null },
    ageMax: { type: Number, default: null },
    contactName: { type: String, required: true },
    contactPhone: { type: String, required: true, match: /^1[3-9]\d{9}$/ },
    /** E.g. 每天8小时，月休4天. */
    workHours: { type: String, default: '' },
    // Derived (see jobDerivedFields): scalar region levels so filters walk a sorted index,
    // and the n-gram terms of the keyword search.
    provinceCode: { type: String, default: null },
    cityCode: { type: String, default: null },
    countyCode: { type: String, default: null },
    searchGrams: { type: [String], default: [], select: false },
    searchText: { type: String, default: '', select: false },
    /** The search-words version the two fields above were made with (a start-up backfill renews older ones). */
    searchVersion: { type: String, default: null, select: false },
    /** Set on postings imported from the public employment service (integrations/pes). */
    upstreamId: { type: String },
    upstreamVersion: { type: Number },
  },
  { timestamps: true, collection: 'jobs' },
);

type DerivedInput = { title: string; trade: string; employerName: string; regionName: string; description?: string | null; regionCode: string };

/** Fields computed from the others: region levels and search grams. Use on insertMany of raw documents. */
export function jobDerivedFields(job: DerivedInput) {
  const path = regionCodePath(job.regionCode);
  return {
    provinceCode: path[0] ?? null,
    cityCode: path[1] ?? null,
    countyCode: path[2] ?? null,
    ...jobSearchFields(job),
  };
}

/** The keyword search fields (job-search.ts) of a job's texts. */
export function jobSearchFields(job: Pick<DerivedInput, 'title' | 'trade' | 'employerName' | 'regionName' | 'description'>) {
  const texts = { short: [job.title, job.trade, job.employerName, job.regionName], long: [job.description ?? ''] };
  return { searchGrams: searchGramsOf(texts, job.trade), searchText: searchTextOf(texts), searchVersion: SEARCH_WORDS_VERSION };
}

jobSchema.pre('validate', function () {
  Object.assign(this, jobDerivedFields(this));
});
// Every list is newest first with _id breaking ties (cursor pagination): equality fields first,
// then the sort, so a page is a short walk of one index (the repository hints which).
jobSchema.index({ status: 1, createdAt: -1, _id: -1 });
jobSchema.index({ countyCode: 1, status: 1, createdAt: -1, _id: -1 });
jobSchema.index({ cityCode: 1, status: 1, createdAt: -1, _id: -1 });
jobSchema.index({ provinceCode: 1, status: 1, createdAt: -1, _id: -1 });
jobSchema.index({ trade: 1, status: 1, createdAt: -1, _id: -1 });
jobSchema.index({ publicWelfare: 1, status: 1, createdAt: -1, _id: -1 });
jobSchema.index({ searchGrams: 1, status: 1, createdAt: -1, _id: -1 });
// Region and trade together, the commonest pair of filters (jobs.repository picks by counted size).
jobSchema.index({ countyCode: 1, trade: 1, status: 1, createdAt: -1, _id: -1 });
jobSchema.index({ cityCode: 1, trade: 1, status: 1, createdAt: -1, _id: -1 });
jobSchema.index({ provinceCode: 1, trade: 1, status: 1, createdAt: -1, _id: -1 });
jobSchema.index({ employerId: 1, createdAt: -1 });
// One job per upstream posting, however often it is pulled or imported.
jobSchema.index({ upstreamId: 1 }, { unique: true, partialFilterExpression: { upstreamId: { $type: 'string' } } });

/**
 * A counter bumped around every write to jobs through this model (create, save, insertMany, updates,
 * deletes, findOneAndUpdate; also when such a write fails part-way). Search result caches remember the
 * value they were computed under and drop a result once it changed (job-search-cache.ts). Writes through
 * the raw driver collection bypass it: call bumpJobsVersion() after them.
 */
let jobsVersion = 0;
export const currentJobsVersion = (): number => jobsVersion;
export function bumpJobsVersion(): void {
  jobsVersion += 1;
}
const DOC_AND_QUERY_WRITES = ['save', 'updateOne', 'updateMany', 'findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete', 'replaceOne', 'deleteOne', 'deleteMany'] as const;
const both = { document: true, query: true } as const;
const bump = () => bumpJobsVersion();
const bumpAndRethrow = (err: unknown) => {
  bumpJobsVersion();
  throw err;
};
// Before (a result computed meanwhile may miss the write) and after, whether it succeeded or failed.
for (const op of DOC_AND_QUERY_WRITES) {
  jobSchema.pre(op, both, bump);
  jobSchema.post(op, both, bump);
  jobSchema.post(op, { ...both, errorHandler: true }, bumpAndRethrow);
}
jobSchema.pre('insertMany', bump);
jobSchema.pre('bulkWrite', bump);
for (const op of ['insertMany', 'bulkWrite'] as const) {
  jobSchema.post(op, bump);
  jobSchema.post(op, { errorHandler: true }, bumpAndRethrow);
}

export type JobRecord = InferSchemaType<typeof jobSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const Job = model('Job', jobSchema);
