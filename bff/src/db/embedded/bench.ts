import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Schema } from 'mongoose';
import { startEmbeddedMongo } from './index';

const DOCS = 200_000;
const BATCH = 1_000;

interface Row {
  code: string;
  plain: string;
  county: number;
  score: number;
}

function row(i: number): Row {
  return { code: `c${i}`, plain: `p${i}`, county: i % 100, score: (i * 7919) % 1000 };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Indexed point lookup versus a full scan on 200,000 documents, both through mongoose. */
async function lookupSpeedup(): Promise<Record<string, number>> {
  const db = await startEmbeddedMongo({ dbPath: null, port: 0 });
  const conn = await mongoose.createConnection(db.uri, { dbName: 'bench' }).asPromise();
  try {
    const Item = conn.model<Row>('Item', new Schema<Row>({ code: { type: String, index: true }, plain: String, county: Number, score: Number }));
    await Item.init();
    for (let i = 0; i < DOCS; i += 10_000) {
      await Item.collection.insertMany(Array.from({ length: 10_000 }, (_, j) => row(i + j)));
    }
    const pick = (i: number): number => (i * 104_729) % DOCS;
    // Warm up both paths before timing.
    await Item.findOne({ code: 'c1' }).lean();
    await Item.findOne({ plain: 'p1' }).lean();
    // The same equality lookup (all matches, as an application's find would ask) on an indexed and an
    // unindexed field. Rounds interleave the two so load on a shared machine affects both alike.
    let indexedTotal = 0;
    let scanTotal = 0;
    const rounds = 20;
    const perRound = 25;
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < perRound; k++) {
        const i = pick(r * perRound + k);
        indexedTotal += await timed(() => Item.find({ code: `c${i}` }).lean());
      }
      scanTotal += await timed(() => Item.find({ plain: `p${pick(r)}` }).lean());
    }
    const indexedMs = indexedTotal / (rounds * perRound);
    const scanMs = scanTotal / rounds;
    return {
      'engine.indexedLookupMs': indexedMs,
      'engine.unindexedLookupMs': scanMs,
      'engine.indexedLookupSpeedup': scanMs / indexedMs,
    };
  } finally {
    await conn.close();
    await db.stop();
  }
}

/** insertMany batches of 1,000 with the journal fsynced before each acknowledgement. */
async function batchInsert(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-bench-'));
  const db = await startEmbeddedMongo({ dbPath: dir, port: 0 });
  const conn = await mongoose.createConnection(db.uri, { dbName: 'bench' }).asPromise();
  try {
    const Item = conn.model<Row>('Item', new Schema<Row>({ code: { type: String, unique: true }, plain: String, county: Number, score: Number }));
    await Item.init();
    const total = 50_000;
    const started = process.hrtime.bigint();
    for (let i = 0; i < total; i += BATCH) {
      await Item.insertMany(Array.from({ length: BATCH }, (_, j) => row(i + j)));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { 'engine.batchInsertDocsPerSec': total / seconds };
  } finally {
    await conn.close();
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One client inserting single documents, each awaited: every acknowledgement waits for its journal fsync. */
async function ackedInserts(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-bench-'));
  const db = await startEmbeddedMongo({ dbPath: dir, port: 0 });
  const conn = await mongoose.createConnection(db.uri, { dbName: 'bench' }).asPromise();
  try {
    const items = conn.collection<Row>('acked');
    await items.insertOne(row(0));
    const total = 2_000;
    const started = process.hrtime.bigint();
    for (let i = 1; i <= total; i++) await items.insertOne(row(i));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { 'engine.ackedInsertsPerSec': total / seconds };
  } finally {
    await conn.close();
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The longest a client waits for one acknowledged insert or indexed read while a compaction folds a
 * ~100 MB journal into a snapshot (mongod's checkpoints stall nothing; the target is at most 50 ms).
 */
async function compactionStall(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-bench-'));
  let compacting = false;
  let compacted = false;
  const db = await startEmbeddedMongo({
    dbPath: dir,
    port: 0,
    storage: {
      compactAtBytes: 96 * 1024 * 1024,
      onCompactionStep: (step) => {
        if (step === 'journal-created') compacting = true;
        if (step === 'journals-removed') compacted = true;
      },
    },
  });
  const conn = await mongoose.createConnection(db.uri, { dbName: 'bench' }).asPromise();
  try {
    const items = conn.collection<Row & { text: string }>('compacted');
    await items.createIndex({ code: 1 });
    const text = 'x'.repeat(900);
    // Load until the journal passes the threshold and a compaction starts; then only the probe runs.
    let loaded = 0;
    while (!compacting && loaded < 400_000) {
      await items.insertMany(Array.from({ length: 2_000 }, (_, j) => ({ ...row(loaded + j), text })));
      loaded += 2_000;
    }
    if (!compacting) throw new Error('no compaction started');
    let worst = 0;
    let ops = 0;
    let next = 1_000_000;
    while (!compacted) {
      worst = Math.max(worst, await timed(() => items.insertOne({ ...row(next++), text })));
      worst = Math.max(worst, await timed(() => items.findOne({ code: `c${(next * 7919) % loaded}` })));
      ops += 2;
    }
    if (ops < 10) throw new Error(`compaction ended after ${ops} probe operations: too small to measure`);
    return { 'engine.compactionMaxStallMs': worst };
  } finally {
    await conn.close();
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runEngineBench(): Promise<Record<string, number>> {
  return { ...(await lookupSpeedup()), ...(await batchInsert()), ...(await ackedInserts()), ...(await compactionStall()) };
}

if (require.main === module) {
  runEngineBench().then(
    (results) => {
      const width = Math.max(...Object.keys(results).map((k) => k.length));
      process.stdout.write(`${'figure'.padEnd(width)}  value\n`);
      for (const [k, v] of Object.entries(results)) process.stdout.write(`${k.padEnd(width)}  ${v.toFixed(2)}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
}
