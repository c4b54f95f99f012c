/**
 * Enrolment by spreadsheet, as a stored job:
 * 1. upload: the file goes to GridFS and an import document is made, one per broker and file
 *    hash (the same file again answers with the same import: nothing is entered twice);
 * 2. processing (in the background, under a lease): rows are read, checked and saved in slices;
 *    each slice's answers are stored before the next, so a dropped connection or a restarted
 *    server resumes where it stopped (a poll of a stalled import takes the lease over);
 * 3. the client polls GET until `done`, with an answer per row: created, updated or rejected with
 *    the reasons in Chinese. Good rows are kept whatever happens to the others.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import mongoose, { Types } from 'mongoose';
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_UNPACKED_BYTES,
  IMPORT_MAX_ROWS,
  WorkerRegistrationInputSchema,
  issueText,
  maskIdNumber,
  normalizeIdNumber,
  t,
  type BrokerImport,
  type MessageKey,
  type WorkerRegistrationData,
} from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { AppError, NotFoundError, ValidationError } from '../../http/errors';
import { isDuplicateKeyError } from '../../http/error-handler';
import type { Clock } from '../../security/clock';
import type { Logger } from '../../logging/logger';
import { Account } from '../accounts/account.model';
import { saveManyForSomeone } from '../workers/workers.batch';
import type { WorkerService } from '../workers/workers.service';
import type { FieldCrypto } from '../../security/field-crypto';
import { assertCertifiedBroker } from './broker-gate';
import { BrokerImportModel, type BrokerImportRecord, type ImportRowDoc } from './broker-import.model';
import { EnrolmentModel } from './broker.model';
import { checkZipLimits } from './sheet-table';
import { SheetError, columnOfPath, readSheet, rowToInput, type SheetRow } from './spreadsheet';

const BUCKET = 'imports';
const SLICE = 250;
const LEASE_MS = 60_000;

function bucket(): mongoose.mongo.GridFSBucket {
  const db = mongoose.connection.db;
  if (!db) throw new Error('database not connected');
  return new mongoose.mongo.GridFSBucket(db, { bucketName: BUCKET });
}

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
/** Text a CSV may be: no NUL bytes in the first KB. */
const isText = (b: Buffer) => !b.subarray(0, 1024).includes(0);

interface ReceivedFile {
  buffer: Buffer;
  filename: string;
}

/** Reads the one file part of a multipart request into memory (at most IMPORT_MAX_BYTES). */
async function receiveFile(req: IncomingMessage): Promise<ReceivedFile> {
  if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { messageKey: 'error.importType' });
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10 } });
  } catch {
    throw new ValidationError({ file: 'error.importMissing' }, 'error.importMissing');
  }
  return new Promise<ReceivedFile>((resolve, reject) => {
    let file: ReceivedFile | null = null;
    let problem: AppError | null = null;
    const reading: Promise<void>[] = [];
    parser.on('file', (_field, stream, info) => {
      const chunks: Buffer[] = [];
      reading.push(
        (async () => {
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          if ((stream as { truncated?: boolean }).truncated) problem = new AppError('PAYLOAD_TOO_LARGE', { messageKey: 'error.importTooLarge' });
          else if (!file) file = { buffer: Buffer.concat(chunks), filename: info.filename || 'import' };
        })().catch(() => {
          problem ??= new ValidationError({ file: 'error.importMissing' }, 'error.importMissing');
        }),
      );
    });
    parser.on('error', () => reject(new ValidationError({ file: 'error.importMissing' }, 'error.importMissing')));
    parser.on('close', () => {
      void Promise.all(reading).then(() => {
        if (problem) reject(problem);
        else if (!file || file.buffer.length === 0) reject(new ValidationError({ file: 'error.importMissing' }, 'error.importMissing'));
        else resolve(file);
      }, reject);
    });
    // A client that goes away mid-upload ends the parser (and its file stream) with an error.
    req.once('error', (err: Error) => parser.destroy(err));
    req.once('close', () => {
      if (!req.complete) parser.destroy(new Error('request aborted'));
    });
    req.pipe(parser);
  });
}

function formatOf(file: ReceivedFile): 'xlsx' | 'csv' {
  if (isZip(file.buffer)) return 'xlsx';
  if (isText(file.buffer) && !/\.(xlsx?|et|numbers)$/i.test(file.filename)) return 'csv';
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', { messageKey: 'error.importType' });
}

/** An xlsx whose zip directory declares more than the unpacked limit is refused before it is stored or inflated. */
async function refuseZipBomb(buffer: Buffer): Promise<void> {
  const problem = await checkZipLimits(buffer, IMPORT_MAX_UNPACKED_BYTES);
  if (problem === 'unpacked') {
    throw new AppError('PAYLOAD_TOO_LARGE', { messageKey: 'error.importUnpackedTooLarge', params: { maxMb: IMPORT_MAX_UNPACKED_BYTES / 1024 / 1024 }, fields: { file: 'error.importUnpackedTooLarge' } });
  }
  if (problem) throw new ValidationError({ file: 'error.importUnreadable' }, 'error.importUnreadable');
}

function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- strips control characters from a file name
  return (name.split(/[\\/]/).pop() ?? 'import').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 100) || 'import';
}

export interface ImportServiceDeps {
  workers: WorkerService;
  clock: Clock;
  /** Seals the stored upload: a sheet of ID numbers and phones must not sit in GridFS in clear. */
  crypto: FieldCrypto;
  logger?: Logger;
}

export class ImportService {
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly deps: ImportServiceDeps) {}

  toApi(doc: BrokerImportRecord, repeated = false): BrokerImport {
    const counts = { created: 0, updated: 0, rejected: 0 };
    for (const r of doc.rows) counts[r.outcome] += 1;
    return {
      id: doc._id.toHexString(),
      filename: doc.filename,
      format: doc.format,
      status: doc.status,
      totalRows: doc.totalRows,
      processedRows: doc.processedRows,
      counts,
      rows: doc.rows.map((r) => ({ row: r.row, outcome: r.outcome, name: r.name ?? null, idNumberMasked: r.idNumberMasked ?? null, workerId: r.workerId ?? null, reasons: [...r.reasons] })),
      failure: doc.failure ?? null,
      repeated,
      createdAt: doc.createdAt.toISOString(),
      finishedAt: doc.finishedAt ? doc.finishedAt.toISOString() : null,
    };
  }

  /** Stores the upload and starts processing; the same file again answers with its first import. */
  async upload(auth: AuthContext, req: IncomingMessage): Promise<BrokerImport> {
    await assertCertifiedBroker(auth);
    const file = await receiveFile(req);
    const format = formatOf(file);
    if (format === 'xlsx') await refuseZipBomb(file.buffer);
    const fileHash = createHash('sha256').update(file.buffer).digest('hex');
    const earlier = await BrokerImportModel.findOne({ brokerId: auth.subjectId, fileHash }).lean<BrokerImportRecord>().exec();
    if (earlier) {
      this.resumeIfStalled(earlier);
      return this.toApi(earlier, true);
    }
    const fileId = new Types.ObjectId();
    const filename = safeName(file.filename);
    await new Promise<void>((resolve, reject) => {
      const up = bucket().openUploadStreamWithId(fileId, filename, { metadata: { brokerId: auth.subjectId, fileHash, format } });
      up.once('finish', () => resolve());
      up.on('error', reject);
      up.end(this.deps.crypto.sealFile('importFile', file.buffer));
    });
    try {
      const doc = await BrokerImportModel.create({ brokerId: auth.subjectId, fileHash, fileId, filename, format, status: 'queued' });
      const record = doc.toObject<BrokerImportRecord>();
      this.kick(record._id);
      return this.toApi(record);
    } catch (err: unknown) {
      await bucket().delete(fileId).catch(() => undefined);
      if (!isDuplicateKeyError(err)) throw err;
      // The same file uploaded twice at once: both get the one import.
      const same = await BrokerImportModel.findOne({ brokerId: auth.subjectId, fileHash }).lean<BrokerImportRecord>().exec();
      if (!same) throw err;
      return this.toApi(same, true);
    }
  }

  async get(auth: AuthContext, id: string): Promise<BrokerImport> {
    const doc = await BrokerImportModel.findOne({ _id: new Types.ObjectId(id), brokerId: auth.subjectId }).lean<BrokerImportRecord>().exec();
    if (!doc) throw new NotFoundError('error.importNotFound');
    this.resumeIfStalled(doc);
    return this.toApi(doc);
  }

  async list(auth: AuthContext): Promise<Array<Omit<BrokerImport, 'rows'>>> {
    const docs = await BrokerImportModel.find({ brokerId: auth.subjectId }, { rows: 0 }).sort({ createdAt: -1 }).limit(20).lean<BrokerImportRecord[]>().exec();
    return docs.map((d) => {
      const { rows: _rows, ...rest } = this.toApi({ ...d, rows: [] });
      return rest;
    });
  }

  /** Waits until an import this process is running has finished (tests, benchmark). */
  async settle(id: string): Promise<void> {
    await this.running.get(id);
  }

  private resumeIfStalled(doc: BrokerImportRecord): void {
    if (doc.status === 'queued' || (doc.status === 'processing' && (!doc.leaseUntil || doc.leaseUntil.getTime() < this.deps.clock().getTime()))) {
      this.kick(doc._id);
    }
  }

  private kick(id: Types.ObjectId): void {
    const key = id.toHexString();
    if (this.running.has(key)) return;
    const run = this.process(id)
      .catch((err: unknown) => this.deps.logger?.error({ err, importId: key }, 'import processing failed'))
      .finally(() => this.running.delete(key));
    this.running.set(key, run);
  }

  /** Processes an import under a lease; returns when done or when another process holds it. */
  async process(id: Types.ObjectId): Promise<void> {
    const token = randomBytes(8).toString('hex');
    const now = this.deps.clock();
    const claimed = await BrokerImportModel.findOneAndUpdate(
      { _id: id, $or: [{ status: 'queued' }, { status: 'processing', leaseUntil: { $lt: now } }, { status: 'processing', leaseUntil: null }] },
      { $set: { status: 'processing', leaseUntil: new Date(now.getTime() + LEASE_MS), leaseToken: token } },
      { returnDocument: 'after' },
    )
      .lean<BrokerImportRecord>()
      .exec();
    if (!claimed) return;
    if (!claimed.startedAt) await BrokerImportModel.updateOne({ _id: id }, { $set: { startedAt: now } }).exec();
    const startedAt = claimed.startedAt ?? now;
    const mine = { _id: id, leaseToken: token };

    let rows: SheetRow[];
    try {
      rows = await readSheet(await this.readFile(claimed.fileId), claimed.format, IMPORT_MAX_ROWS);
    } catch (err: unknown) {
      if (!(err instanceof SheetError)) throw err;
      await BrokerImportModel.updateOne(mine, { $set: { status: 'failed', failure: t(err.messageKey, err.params), finishedAt: this.deps.clock(), leaseUntil: null } }).exec();
      return;
    }
    const account = await Account.findById(claimed.brokerId, { regionScope: 1 }).lean().exec();
    const auth: AuthContext = { subjectId: claimed.brokerId, role: 'broker', regionScope: account?.regionScope ?? null };
    await BrokerImportModel.updateOne(mine, { $set: { totalRows: rows.length } }).exec();

    const firstRowOf = firstRowsById(rows);
    for (let from = claimed.processedRows; from < rows.length; from += SLICE) {
      const slice = rows.slice(from, from + SLICE);
      let answers: ImportRowDoc[];
      try {
        answers = await this.processSlice(auth, slice, firstRowOf, claimed._id, startedAt);
      } catch (err: unknown) {
        if (err instanceof AppError && err.messageKey === 'error.brokerNotCertified') {
          await BrokerImportModel.updateOne(mine, { $set: { status: 'failed', failure: t(err.messageKey), finishedAt: this.deps.clock(), leaseUntil: null } }).exec();
          return;
        }
        throw err;
      }
      const saved = await BrokerImportModel.updateOne(
        { ...mine, processedRows: from },
        { $push: { rows: { $each: answers } }, $set: { processedRows: from + slice.length, leaseUntil: new Date(this.deps.clock().getTime() + LEASE_MS) } },
      ).exec();
      if (saved.modifiedCount !== 1) return; // the lease was lost: the other process carries on
    }
    await BrokerImportModel.updateOne(mine, { $set: { status: 'done', finishedAt: this.deps.clock(), leaseUntil: null } }).exec();
  }

  private async readFile(fileId: Types.ObjectId): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of bucket().openDownloadStream(fileId)) chunks.push(chunk as Buffer);
    return this.deps.crypto.openFile('importFile', Buffer.concat(chunks));
  }

  private async processSlice(
    auth: AuthContext,
    slice: readonly SheetRow[],
    firstRowOf: Map<string, number>,
    importId: Types.ObjectId,
    startedAt: Date,
  ): Promise<ImportRowDoc[]> {
    const answers: ImportRowDoc[] = [];
    const valid: Array<{ pos: number; data: WorkerRegistrationData }> = [];
    slice.forEach((r, pos) => {
      const { input, reasons } = rowToInput(r);
      const id = normalizeIdNumber(r.cells.idNumber ?? '');
      const first = firstRowOf.get(id);
      if (id !== '' && first !== undefined && first !== r.row) reasons.push(t('import.reason.duplicateInFile', { row: first }));
      const parsed = WorkerRegistrationInputSchema.safeParse(input);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const column = columnOfPath(issue.path);
          if (reasons.some((x) => x.startsWith(`${column}：`))) continue;
          reasons.push(t('import.reason.field', { column, problem: issueText(issue) }));
        }
      }
      const name = r.cells.name ? r.cells.name : null;
      const masked = id.length === 18 ? maskIdNumber(id) : null;
      answers.push({ row: r.row, outcome: 'rejected', name, idNumberMasked: masked, workerId: null, reasons: [...new Set(reasons)] });
      if (parsed.success && reasons.length === 0) valid.push({ pos, data: parsed.data });
    });
    const saved = await saveManyForSomeone(this.deps.workers, auth, valid.map((v) => v.data), { createdSince: startedAt });
    const enrolled: Array<{ workerId: Types.ObjectId }> = [];
    saved.forEach((s, i) => {
      const v = valid[i];
      const answer = v ? answers[v.pos] : undefined;
      if (!answer) return;
      if (s.ok) {
        answer.outcome = s.outcome;
        answer.workerId = s.worker._id.toHexString();
        enrolled.push({ workerId: s.worker._id });
      } else {
        answer.reasons = Object.entries(s.problems).map(([field, key]) => t('import.reason.field', { column: columnOfPath([field]), problem: t(key as MessageKey) }));
      }
    });
    if (enrolled.length > 0) {
      const at = this.deps.clock();
      await EnrolmentModel.bulkWrite(
        enrolled.map((e) => ({
          updateOne: {
            filter: { brokerId: auth.subjectId, workerId: e.workerId },
            update: { $setOnInsert: { consentMethod: 'signed_form', via: 'import', importId, consentedAt: at } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    }
    return answers;
  }
}

/** The first row each ID number appears on (later rows with it are duplicates). */
function firstRowsById(rows: readonly SheetRow[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const r of rows) {
    const id = normalizeIdNumber(r.cells.idNumber ?? '');
    if (id !== '' && !first.has(id)) first.set(id, r.row);
  }
  return first;
}

