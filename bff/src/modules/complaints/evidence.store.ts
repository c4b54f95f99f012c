/**
 * Evidence files: multipart uploads streamed into GridFS (bucket `evidence`), each checked by
 * its first bytes and its size while it streams. Nothing is kept when any file of a request is
 * refused, so a retry starts clean.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import mongoose, { Types } from 'mongoose';
import { EVIDENCE_MAX_BYTES, type EvidenceContentType } from '@zhuanyi/shared';
import { AppError, ValidationError } from '../../http/errors';
import { removeFiles } from '../../db/gridfs-sweep';
import { EXTENSION_OF, SNIFF_BYTES, sniffEvidenceType } from './evidence-type';

export interface StoredEvidence {
  fileId: Types.ObjectId;
  filename: string;
  contentType: EvidenceContentType;
  size: number;
}

const BUCKET = 'evidence';

function bucket(): mongoose.mongo.GridFSBucket {
  const db = mongoose.connection.db;
  if (!db) throw new Error('database not connected');
  return new mongoose.mongo.GridFSBucket(db, { bucketName: BUCKET });
}

/** A safe display name: the original base name without path or control characters, and the sniffed extension. */
function displayName(original: string, type: EvidenceContentType): string {
  const base = (original.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/\.[^.]*$/, '')
    .slice(0, 80);
  return `${base || 'evidence'}.${EXTENSION_OF[type]}`;
}

const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', { messageKey: 'error.evidenceTooLarge' });
const badType = () => new AppError('UNSUPPORTED_MEDIA_TYPE', { messageKey: 'error.evidenceType' });

interface Upload {
  id: Types.ObjectId;
  stream: mongoose.mongo.GridFSBucketWriteStream;
  /** The stream's error, once it has one: a GridFS stream must never error without a listener. */
  error: Error | null;
}

function openUpload(original: string, type: EvidenceContentType, metadata: Record<string, unknown>): Upload {
  const id = new Types.ObjectId();
  const stream = bucket().openUploadStreamWithId(id, displayName(original, type), { metadata: { ...metadata, contentType: type } });
  const upload: Upload = { id, stream, error: null };
  stream.on('error', (err: Error) => {
    upload.error ??= err;
  });
  return upload;
}

async function write(upload: Upload, chunk: Buffer): Promise<void> {
  if (upload.error) throw upload.error;
  if (!upload.stream.write(chunk)) await once(upload.stream, 'drain');
}

/**
 * Removes an upload that is not kept. The stream is ended rather than aborted (abort fails the
 * writes still queued, and a chunk already in flight can land after abort's delete): once every
 * chunk has settled, the file and its chunks are deleted. What a crash leaves, the sweep removes.
 */
async function discard(upload: Upload): Promise<void> {
  if (!upload.error && !upload.stream.destroyed && !upload.stream.writableFinished) {
    upload.stream.end();
    await finished(upload.stream).catch(() => undefined);
  }
  await removeFiles(BUCKET, [upload.id]);
}

/** Streams one file part into GridFS; returns null (and stores nothing) when refused. */
async function storeFile(
  file: Readable & { truncated?: boolean },
  original: string,
  metadata: Record<string, unknown>,
  refuse: (err: AppError) => void,
  isRefused: () => boolean,
): Promise<StoredEvidence | null> {
  const st: { head: Buffer[]; headLength: number; type: EvidenceContentType | null; upload: Upload | null; size: number; skip: boolean } = {
    head: [],
    headLength: 0,
    type: null,
    upload: null,
    size: 0,
    skip: isRefused(),
  };
  const start = async (): Promise<void> => {
    const first = Buffer.concat(st.head);
    st.head = [];
    st.type = sniffEvidenceType(first.subarray(0, SNIFF_BYTES));
    if (!st.type) {
      refuse(badType());
      st.skip = true;
      return;
    }
    st.upload = openUpload(original, st.type, metadata);
    await write(st.upload, first);
  };

  try {
    for await (const raw of file) {
      const chunk = raw as Buffer;
      // Once any file of the request is refused, the rest is only read to the end, not stored.
      if (st.skip || isRefused()) {
        st.skip = true;
        continue;
      }
      st.size += chunk.length;
      if (st.upload) {
        await write(st.upload, chunk);
        continue;
      }
      st.head.push(chunk);
      st.headLength += chunk.length;
      if (st.headLength >= SNIFF_BYTES) await start();
    }
    if (!st.skip && !st.upload && !isRefused()) await start();
    if (file.truncated) refuse(tooLarge());
    const { upload, type } = st;
    if (!upload || !type) return null;
    if (isRefused()) {
      await discard(upload);
      return null;
    }
    upload.stream.end();
    await finished(upload.stream);
    return { fileId: upload.id, filename: displayName(original, type), contentType: type, size: st.size };
  } catch (err: unknown) {
    if (st.upload) await discard(st.upload);
    throw err;
  }
}

/**
 * Reads a multipart/form-data request: every file part becomes one evidence file. At most
 * `maxFiles` files, each at most 10 MB and of an evidence type by content.
 * Throws 413 (too large), 415 (type) or 400 (none, too many) after removing what it stored.
 */
export async function receiveEvidence(req: IncomingMessage, opts: { maxFiles: number; metadata: Record<string, unknown> }): Promise<StoredEvidence[]> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) throw badType();
  if (opts.maxFiles <= 0) throw new ValidationError({ files: 'error.evidenceTooMany' }, 'error.evidenceTooMany');

  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { fileSize: EVIDENCE_MAX_BYTES, files: opts.maxFiles, fields: 20, parts: 40 } });
  } catch (err: unknown) {
    throw new AppError('VALIDATION_FAILED', { messageKey: 'error.evidenceMissing', cause: err });
  }
  let failure: AppError | null = null;
  const refuse = (err: AppError) => {
    // A size problem outranks a type problem: the 413 tells the worker what to do.
    if (!failure || (err.code === 'PAYLOAD_TOO_LARGE' && failure.code !== 'PAYLOAD_TOO_LARGE')) failure = err;
  };
  const work: Promise<StoredEvidence | null>[] = [];
  parser.on('file', (_field, stream, info) => {
    work.push(storeFile(stream, info.filename ?? 'evidence', opts.metadata, refuse, () => failure !== null));
  });
  parser.on('filesLimit', () => refuse(new ValidationError({ files: 'error.evidenceTooMany' }, 'error.evidenceTooMany')));
  const finished = new Promise<void>((resolve, reject) => {
    parser.on('close', () => resolve());
    parser.on('error', (err: unknown) => reject(new AppError('VALIDATION_FAILED', { messageKey: 'error.evidenceMissing', cause: err })));
  });
  // A client that goes away mid-upload ends the parser (and so each file stream) with an error.
  req.once('error', (err: Error) => parser.destroy(err));
  req.once('close', () => {
    if (!req.complete) parser.destroy(new Error('request aborted'));
  });
  req.pipe(parser);
  let parseError: unknown = null;
  await finished.catch((err: unknown) => {
    parseError = err;
  });
  const results = await Promise.allSettled(work);
  const stored = results.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));
  const storeError = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const problem: unknown = failure ?? parseError ?? storeError?.reason ?? (stored.length === 0 ? new ValidationError({ files: 'error.evidenceMissing' }, 'error.evidenceMissing') : null);
  if (problem) {
    await deleteEvidence(stored.map((s) => s.fileId));
    throw problem;
  }
  return stored;
}

export async function deleteEvidence(ids: readonly Types.ObjectId[]): Promise<void> {
  await removeFiles(BUCKET, ids);
}

export function openEvidence(id: Types.ObjectId): Readable {
  return bucket().openDownloadStream(id);
}
