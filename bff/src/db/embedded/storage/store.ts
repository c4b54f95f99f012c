import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { calculateObjectSize, serialize, type Document } from 'bson';
import type { JournalOp } from '../catalog';
import type { Engine } from '../engine';
import { acquireLock, fsyncDir, fsyncDirAsync } from './lockfile';
import { DEFAULT_READ_CHUNK, frame, streamRecords, type ReadStats } from './records';
import { Replayer } from './replay';
import { freezeState, snapshotSlices } from './snapshot';

const SNAPSHOT = 'snapshot.bson';
const JOURNAL_NAME = /^journal(?:\.(\d+))?\.bson$/;
/** Compact once the journal outgrows this many bytes. */
const COMPACT_AT = 64 * 1024 * 1024;
/** At a clean shutdown, a journal over this size is folded into a snapshot. */
const CLOSE_COMPACT_AT = 4 * 1024 * 1024;
const SLICE_RECORDS = 2000;
/** A compaction fsyncs its snapshot after about this many bytes. */
const SNAPSHOT_SYNC_BYTES = 8 * 1024 * 1024;
/** Journal frames are cut at about this size (between ops). */
const JOURNAL_FRAME_BYTES = 1 << 20;
/** A transaction commit larger than this is written as parts plus a commit marker. */
const ONE_RECORD_TXN_BYTES = 8 * 1024 * 1024;
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/** Where compaction can be stopped (tests inject crashes at each). */
export type CompactionStep = 'journal-created' | 'cut' | 'slice' | 'snapshot-written' | 'snapshot-renamed' | 'journals-removed';

/** The two I/O calls a write's durability depends on; replaceable so tests can slow or fail them. */
export interface StorageIo {
  write(fd: number, buf: Buffer, offset: number, length: number, cb: (err: Error | null, written: number) => void): void;
  fsync(fd: number, cb: (err: Error | null) => void): void;
}

export interface StoreOptions {
  io?: Partial<StorageIo>;
  /** Buffer size for reading the snapshot and journal at start-up. */
  readChunkBytes?: number;
  compactAtBytes?: number;
  /** Documents written per compaction slice; the event loop runs between slices. */
  sliceRecords?: number;
  onCompactionStep?: (step: CompactionStep) => void;
  /** A transaction commit over this many bytes is written as parts plus a commit marker. */
  txnRecordBytes?: number;
  /** Called once when a journal write or fsync fails: the store then refuses everything. */
  onFatal?: (err: Error) => void;
}

const defaultIo: StorageIo = {
  write: (fd, buf, offset, length, cb) => fs.write(fd, buf, offset, length, null, (err, n) => cb(err, n)),
  fsync: (fd, cb) => fs.fdatasync(fd, cb),
};

interface Segment {
  fd: number;
  ops: JournalOp[];
}

function journalName(gen: number): string {
  return `journal.${gen}.bson`;
}

function chmodQuietly(file: string, mode: number): void {
  try {
    fs.chmodSync(file, mode);
  } catch {
    // gone or not ours
  }
}

/** The docs one journal op is written as (a large transaction becomes parts and a commit marker). */
function journalDocs(op: JournalOp, txnRecordBytes: number): Document[] {
  if (op.o !== 't' || calculateObjectSize(op, { ignoreUndefined: true }) <= txnRecordBytes) return [op];
  const x = randomUUID();
  return [...op.ops.map((inner) => ({ o: 'tp', x, op: inner })), { o: 'tc', x }];
}

function journalFrames(ops: JournalOp[], txnRecordBytes: number): Buffer {
  const frames: Buffer[] = [];
  let docs: Uint8Array[] = [];
  let bytes = 0;
  for (const op of ops) {
    for (const d of journalDocs(op, txnRecordBytes)) {
      const b = serialize(d, { checkKeys: false, ignoreUndefined: true });
      docs.push(b);
      bytes += b.length;
      if (bytes >= JOURNAL_FRAME_BYTES) {
        frames.push(frame(docs));
        docs = [];
        bytes = 0;
      }
    }
  }
  if (docs.length > 0) frames.push(frame(docs));
  return frames.length === 1 ? (frames[0] as Buffer) : Buffer.concat(frames);
}

/**
 * Durable storage for an engine: a snapshot plus append-only journals. A write is acknowledged (and
 * any reply that could show it is sent) only after the journal record holding it is fsynced;
 * concurrent writers share one fsync (group commit). A failed journal write or fsync stops the store
 * for good (fail-stop). Compaction writes a new snapshot in slices from a frozen copy of the state
 * while writes go to a new journal, so it never stalls them and a crash at any step loses nothing.
 */
export class Store {
  private fd = -1;
  private journalFile = '';
  private journalGen = 0;
  private snapGen = -1;
  private journalBytes = 0;
  private segments: Segment[] = [];
  private appended = 0;
  private durable = 0;
  private flushing = false;
  private failure: Error | null = null;
  /** Per journal fd: bytes written, and bytes known fsynced (a failure cuts the file back to those). */
  private readonly writtenBytes = new Map<number, number>();
  private readonly syncedBytes = new Map<number, number>();
  private waiters: { upTo: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private compacting: Promise<void> | null = null;
  private readonly release: () => void;
  private readonly io: StorageIo;
  readonly loadStats: ReadStats = { reads: 0, maxBufferBytes: 0, bytes: 0 };
  /** Completed compactions and the slices they were written in. */
  readonly compactionStats = { runs: 0, slices: 0 };

  constructor(
    private readonly dir: string,
    private readonly engine: Engine,
    private readonly opts: StoreOptions = {},
  ) {
    this.io = { ...defaultIo, ...opts.io };
    fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    fs.chmodSync(dir, DIR_MODE);
    this.release = acquireLock(dir);
    try {
      this.load();
    } catch (err) {
      if (this.fd >= 0) fs.closeSync(this.fd);
      this.release();
      throw err;
    }
    if (this.journalBytes > this.compactAt) this.compactInBackground();
  }

  private get compactAt(): number {
    return this.opts.compactAtBytes ?? COMPACT_AT;
  }

  get failed(): Error | null {
    return this.failure;
  }

  /** True when every logged op is on disk. */
  clean(): boolean {
    return this.durable >= this.appended;
  }

  private path(name: string): string {
    return path.join(this.dir, name);
  }

  private load(): void {
    const chunk = this.opts.readChunkBytes ?? DEFAULT_READ_CHUNK;
    const replayer = new Replayer(this.engine);
    const snapFile = this.path(SNAPSHOT);
    for (const f of fs.readdirSync(this.dir)) chmodQuietly(this.path(f), FILE_MODE);
    fs.rmSync(`${snapFile}.tmp`, { force: true });
    if (fs.existsSync(snapFile)) {
      let end = 0;
      for (const rec of streamRecords(snapFile, chunk, this.loadStats)) {
        if (end === 0) this.snapGen = Number(rec.docs[0]?.gen);
        else replayer.applySnapshotRecord(rec.docs);
        end = rec.end;
      }
      if (end !== fs.statSync(snapFile).size || !Number.isInteger(this.snapGen)) {
        throw new Error(`the snapshot ${snapFile} is damaged (intact up to byte ${end}); restore the data directory from a backup`);
      }
    }
    // Journals in generation order; each holds the ops after its generation's snapshot cut.
    const journals: { file: string; gen: number }[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      if (!JOURNAL_NAME.test(name)) continue;
      const file = this.path(name);
      const reader = streamRecords(file, 4096);
      const head = reader.next();
      reader.return(undefined);
      const gen = head.done ? NaN : Number(head.value.docs[0]?.gen);
      // A journal whose header never reached the disk holds nothing.
      if (!Number.isInteger(gen)) fs.rmSync(file, { force: true });
      else journals.push({ file, gen });
    }
    journals.sort((a, b) => a.gen - b.gen);
    let torn = false;
    let active: { file: string; gen: number; end: number } | null = null;
    for (const j of journals) {
      // Older than the snapshot (contained in it), or after a torn journal (nothing in it was acknowledged).
      if (j.gen < this.snapGen || torn) {
        fs.rmSync(j.file, { force: true });
        continue;
      }
      let end = 0;
      let first = true;
      for (const rec of streamRecords(j.file, chunk, this.loadStats)) {
        if (!first) for (const doc of rec.docs) replayer.apply(doc);
        first = false;
        end = rec.end;
      }
      if (end < fs.statSync(j.file).size) {
        // Drop the torn tail so appends continue after the last intact record.
        fs.truncateSync(j.file, end);
        torn = true;
      }
      active = { ...j, end };
    }
    if (active) {
      this.journalFile = active.file;
      this.journalGen = active.gen;
      this.fd = fs.openSync(active.file, 'a', FILE_MODE);
      this.journalBytes = active.end;
    } else {
      this.journalGen = Math.max(this.snapGen, 0);
      this.journalFile = this.path(journalName(this.journalGen));
      this.fd = fs.openSync(this.journalFile, 'w', FILE_MODE);
      const header = frame([{ gen: this.journalGen }]);
      fs.writeSync(this.fd, header);
      fs.fsyncSync(this.fd);
      this.journalBytes = header.length;
    }
    fsyncDir(this.dir);
    this.segments = [{ fd: this.fd, ops: [] }];
    this.engine.journal = (op) => {
      (this.segments[this.segments.length - 1] as Segment).ops.push(op);
      this.appended++;
    };
  }

  /** Resolves once every op logged before the call is on disk. */
  sync(): Promise<void> {
    return this.syncUpTo(this.appended);
  }

  private syncUpTo(upTo: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.durable >= upTo) return Promise.resolve();
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ upTo, resolve, reject }));
    void this.flush();
    return p;
  }

  private hasPending(): boolean {
    return this.segments.some((s) => s.ops.length > 0);
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.failure) return;
    this.flushing = true;
    try {
      while (this.hasPending()) {
        const segments = this.segments;
        const upTo = this.appended;
        this.segments = [{ fd: this.fd, ops: [] }];
        const written: number[] = [];
        for (const seg of segments) {
          if (seg.ops.length === 0) continue;
          const buf = journalFrames(seg.ops, this.opts.txnRecordBytes ?? ONE_RECORD_TXN_BYTES);
          const before = this.writtenBytes.get(seg.fd) ?? fs.fstatSync(seg.fd).size;
          // What a journal held before this store first wrote to it was fsynced when it was made.
          if (!this.syncedBytes.has(seg.fd)) this.syncedBytes.set(seg.fd, before);
          this.writtenBytes.set(seg.fd, before + buf.length);
          await this.writeAll(seg.fd, buf);
          if (seg.fd === this.fd) this.journalBytes += buf.length;
          written.push(seg.fd);
        }
        // Older journal first: the new one's ops come after the old one's.
        for (const fd of written) {
          await this.fsyncFd(fd);
          this.syncedBytes.set(fd, this.writtenBytes.get(fd) as number);
        }
        this.durable = Math.max(this.durable, upTo);
        this.wake();
        if (this.journalBytes > this.compactAt) this.compactInBackground();
      }
    } catch (err) {
      this.fail(err);
    } finally {
      this.flushing = false;
    }
  }

  private writeAll(fd: number, buf: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      const step = (offset: number): void => {
        this.io.write(fd, buf, offset, buf.length - offset, (err, n) => {
          if (err) reject(err);
          else if (offset + n < buf.length) step(offset + n);
          else resolve();
        });
      };
      step(0);
    });
  }

  private fsyncFd(fd: number): Promise<void> {
    return new Promise((resolve, reject) => this.io.fsync(fd, (err) => (err ? reject(err) : resolve())));
  }

  /** Fail-stop: after a journal write or fsync fails nothing is served, not even what is in memory. */
  private fail(err: unknown): void {
    if (this.failure) return;
    const cause = err instanceof Error ? err.message : String(err);
    this.failure = new Error(
      `the embedded engine stopped: a journal write or fsync failed (${cause}). It serves nothing more; writes not acknowledged are not served. Check the disk, then restart: the data directory recovers up to the last acknowledged write.`,
    );
    const failure = this.failure;
    // Records written but never fsynced may still reach the disk from the page cache; cut them off so a
    // restart recovers exactly the acknowledged writes (best effort: the disk may refuse this too).
    for (const [fd, synced] of this.syncedBytes) {
      if ((this.writtenBytes.get(fd) ?? synced) <= synced) continue;
      try {
        fs.ftruncateSync(fd, synced);
      } catch {
        // A torn tail is dropped at start-up anyway; a whole unsynced record is what this guards against.
      }
    }
    this.engine.journal = () => {
      throw failure;
    };
    for (const w of this.waiters) w.reject(failure);
    this.waiters = [];
    this.opts.onFatal?.(failure);
  }

  private wake(): void {
    const ready = this.waiters.filter((w) => w.upTo <= this.durable);
    this.waiters = this.waiters.filter((w) => w.upTo > this.durable);
    for (const w of ready) w.resolve();
  }

  private compactInBackground(): void {
    if (this.compacting || this.failure) return;
    this.compact().catch((err: unknown) => {
      process.emitWarning(`embedded engine compaction failed, the journal keeps everything: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  /**
   * Folds the journal into a new snapshot generation: (1) a new journal file is made durable, (2) at
   * the cut the state is frozen and new ops go to the new journal, (3) the snapshot is written in
   * slices to a temporary file, fsynced and renamed over the old one, (4) older journals are removed.
   * Start-up loads the newest complete snapshot and replays every journal of its generation or later.
   */
  compact(): Promise<void> {
    this.compacting ??= this.runCompaction().finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  private async runCompaction(): Promise<void> {
    if (this.failure) throw this.failure;
    const step = (s: CompactionStep): void => this.opts.onCompactionStep?.(s);
    const gen = Math.max(this.journalGen, this.snapGen) + 1;
    const nextFile = this.path(journalName(gen));
    const tmp = this.path(`${SNAPSHOT}.tmp`);
    let nextFd = -1;
    let cut = false;
    try {
      nextFd = fs.openSync(nextFile, 'wx', FILE_MODE);
      await this.writeAll(nextFd, frame([{ gen }]));
      await this.fsyncFd(nextFd);
      await fsyncDirAsync(this.dir);
      step('journal-created');
      if (this.failure) throw this.failure;
      // The cut: synchronous, so no op falls between the frozen state and the new journal.
      const frozen = freezeState(this.engine);
      const cutAt = this.appended;
      const oldFd = this.fd;
      this.segments.push({ fd: nextFd, ops: [] });
      this.fd = nextFd;
      this.journalFile = nextFile;
      this.journalGen = gen;
      this.journalBytes = frame([{ gen }]).length;
      cut = true;
      await this.syncUpTo(cutAt);
      fs.closeSync(oldFd);
      step('cut');
      const sfd = fs.openSync(tmp, 'w', FILE_MODE);
      try {
        await this.writeAll(sfd, frame([{ gen, format: 2, createdAt: new Date() }]));
        let unsynced = 0;
        for (const slice of snapshotSlices(frozen, this.opts.sliceRecords ?? SLICE_RECORDS)) {
          await this.writeAll(sfd, slice);
          // Flushed as it goes: one large fsync at the end would hold the journal's fsyncs behind it.
          unsynced += slice.length;
          if (unsynced >= SNAPSHOT_SYNC_BYTES) {
            await this.fsyncFd(sfd);
            unsynced = 0;
          }
          this.compactionStats.slices++;
          step('slice');
          await nextTurn();
        }
        await this.fsyncFd(sfd);
      } finally {
        fs.closeSync(sfd);
      }
      step('snapshot-written');
      // Asynchronous from here: renaming over and unlinking large files can take long on some file systems.
      await fs.promises.rename(tmp, this.path(SNAPSHOT));
      await fsyncDirAsync(this.dir);
      this.snapGen = gen;
      step('snapshot-renamed');
      for (const name of await fs.promises.readdir(this.dir)) {
        if (JOURNAL_NAME.test(name) && this.path(name) !== nextFile) await fs.promises.rm(this.path(name), { force: true });
      }
      await fsyncDirAsync(this.dir);
      this.compactionStats.runs++;
      step('journals-removed');
    } catch (err) {
      if (!cut && nextFd >= 0) {
        fs.closeSync(nextFd);
        fs.rmSync(nextFile, { force: true });
      }
      fs.rmSync(tmp, { force: true });
      throw err;
    }
  }

  /** Flushes, folds a large journal into a snapshot and releases the directory. */
  async close(): Promise<void> {
    await this.compacting?.catch(() => undefined);
    await this.sync().catch(() => undefined);
    while (this.flushing) await new Promise((r) => setTimeout(r, 5));
    if (!this.failure) {
      this.engine.journal = null;
      if (this.journalBytes > CLOSE_COMPACT_AT) await this.compact().catch(() => undefined);
    }
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
    this.release();
  }
}
