import fs from 'node:fs';
import path from 'node:path';
import type { Document } from 'bson';
import type { JournalOp } from '../catalog';
import type { Engine } from '../engine';
import { acquireLock } from './lockfile';
import { frame, readRecords } from './records';
import { applyOp, snapshotOps } from './replay';

const SNAPSHOT = 'snapshot.bson';
const JOURNAL = 'journal.bson';
/** Compact once the journal outgrows this many bytes. */
const COMPACT_AT = 64 * 1024 * 1024;
const SNAPSHOT_RECORD_OPS = 1000;

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function writeFileDurably(file: string, records: Iterable<Buffer>): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    for (const r of records) fs.writeSync(fd, r);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

/**
 * Durable storage for an engine: a snapshot plus an append-only journal. Writes are acknowledged only
 * after the journal record holding them is fsynced; concurrent writers share one fsync (group commit).
 */
export class Store {
  private fd = -1;
  private gen = 0;
  private journalBytes = 0;
  private pending: JournalOp[] = [];
  private appended = 0;
  private durable = 0;
  private flushing = false;
  private failed: Error | null = null;
  private waiters: { upTo: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private readonly release: () => void;

  constructor(
    private readonly dir: string,
    private readonly engine: Engine,
  ) {
    fs.mkdirSync(dir, { recursive: true });
    this.release = acquireLock(dir);
    try {
      this.load();
    } catch (err) {
      this.release();
      throw err;
    }
  }

  private load(): void {
    const snapFile = path.join(this.dir, SNAPSHOT);
    const journalFile = path.join(this.dir, JOURNAL);
    if (fs.existsSync(snapFile)) {
      let first = true;
      for (const { docs } of readRecords(fs.readFileSync(snapFile))) {
        for (const doc of docs) {
          if (first) {
            this.gen = Number(doc.gen);
            first = false;
          } else applyOp(this.engine, doc);
        }
      }
    }
    let replayed = 0;
    if (fs.existsSync(journalFile)) {
      const buf = fs.readFileSync(journalFile);
      let header = true;
      for (const { docs } of readRecords(buf)) {
        if (header) {
          header = false;
          // A journal from an older generation is already contained in the snapshot.
          if (Number(docs[0]?.gen) !== this.gen) break;
          continue;
        }
        for (const doc of docs) applyOp(this.engine, doc);
        replayed++;
      }
    }
    // Start every run from a fresh snapshot and an empty journal; this also drops a torn tail.
    if (replayed > 0 || !fs.existsSync(snapFile) || !fs.existsSync(journalFile)) this.compact();
    else this.openJournal();
    this.engine.journal = (op) => {
      this.pending.push(op);
      this.appended++;
    };
  }

  private openJournal(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    const file = path.join(this.dir, JOURNAL);
    this.fd = fs.openSync(file, 'a');
    this.journalBytes = fs.fstatSync(this.fd).size;
  }

  /** Writes the whole state as a new snapshot generation and starts an empty journal for it. */
  compact(): void {
    const gen = this.gen + 1;
    const engine = this.engine;
    function* records(): Generator<Buffer> {
      yield frame([{ gen, format: 1, createdAt: new Date() }]);
      let batch: Document[] = [];
      for (const op of snapshotOps(engine)) {
        batch.push(op);
        if (batch.length >= SNAPSHOT_RECORD_OPS) {
          yield frame(batch);
          batch = [];
        }
      }
      if (batch.length > 0) yield frame(batch);
    }
    writeFileDurably(path.join(this.dir, SNAPSHOT), records());
    writeFileDurably(path.join(this.dir, JOURNAL), [frame([{ gen }])]);
    this.gen = gen;
    this.openJournal();
    // Everything logged so far is in the snapshot.
    this.pending = [];
    this.durable = this.appended;
    this.wake();
  }

  /** Resolves once every op logged before the call is on disk. */
  sync(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.durable >= this.appended) return Promise.resolve();
    const upTo = this.appended;
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ upTo, resolve, reject }));
    void this.flush();
    return p;
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const ops = this.pending;
        const upTo = this.appended;
        this.pending = [];
        const buf = frame(ops);
        await writeAll(this.fd, buf);
        await new Promise<void>((resolve, reject) => fs.fdatasync(this.fd, (err) => (err ? reject(err) : resolve())));
        this.journalBytes += buf.length;
        this.durable = Math.max(this.durable, upTo);
        this.wake();
        if (this.journalBytes > COMPACT_AT) this.compact();
      }
    } catch (err) {
      this.failed = err instanceof Error ? err : new Error(String(err));
      for (const w of this.waiters) w.reject(this.failed);
      this.waiters = [];
    } finally {
      this.flushing = false;
    }
  }

  private wake(): void {
    const ready = this.waiters.filter((w) => w.upTo <= this.durable);
    this.waiters = this.waiters.filter((w) => w.upTo > this.durable);
    for (const w of ready) w.resolve();
  }

  /** Flushes, writes a final snapshot and releases the directory. */
  async close(): Promise<void> {
    await this.sync().catch(() => undefined);
    while (this.flushing) await new Promise((r) => setTimeout(r, 5));
    this.engine.journal = null;
    if (!this.failed) this.compact();
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
    this.release();
  }
}

function writeAll(fd: number, buf: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (offset: number): void => {
      fs.write(fd, buf, offset, buf.length - offset, null, (err, written) => {
        if (err) reject(err);
        else if (offset + written < buf.length) step(offset + written);
        else resolve();
      });
    };
    step(0);
  });
}
