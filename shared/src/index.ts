export * from './errors/error-codes';
export * from './schemas/job.schema';
