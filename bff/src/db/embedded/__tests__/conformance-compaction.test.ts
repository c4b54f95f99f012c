/**
 * Compaction (the journal folded into a new snapshot) as mongod's checkpoints behave: it runs in
 * slices between which reads and writes are served, and a crash at any of its steps loses no
 * acknowledged write: start-up takes the newest complete snapshot and replays every journal from its
 * generation on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Document } from 'bson';
import { Engine } from '../engine';
import { Store, type CompactionStep, type StoreOptions } from '../storage/store';

const tmpDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-compact-'));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

function open(dir: string, opts: StoreOptions = {}): { engine: Engine; store: Store } {
  const engine = new Engine();
  return { engine, store: new Store(dir, engine, opts) };
}

function contents(engine: Engine): Map<string, Document> {
  const out = new Map<string, Document>();
  for (const coll of engine.catalog.all()) for (const rid of coll.records.rids()) out.set(`${coll.ns}/${JSON.stringify(coll.doc(rid)?._id)}`, coll.doc(rid) as Document);
  return out;
}

/** Inserts, updates and deletes through the engine, acknowledged (synced) in batches. */
async function work(engine: Engine, store: Store, from: number, to: number): Promise<void> {
  const coll = engine.catalog.ensure('app', 'items');
  for (let i = from; i < to; i++) {
    engine.autocommit.insert(coll, { _id: i, k: `key-${i}`, text: 'x'.repeat(100) });
    if (i % 7 === 3) {
      const rid = coll.ridForId(i - 2);
      if (rid !== undefined) engine.autocommit.replace(coll, rid, { _id: i - 2, k: `key-${i - 2}`, text: `updated at ${i}` });
    }
    if (i % 11 === 5) {
      const rid = coll.ridForId(i - 4);
      if (rid !== undefined) engine.autocommit.remove(coll, rid);
    }
    if (i % 100 === 99) await store.sync();
  }
  await store.sync();
}

describe('incremental compaction', () => {
  it('when a large collection is compacted, then the snapshot is written in slices and writes and reads are served between them', async () => {
    const dir = tempDir();
    const { engine, store } = open(dir, { sliceRecords: 500 });
    const coll = engine.catalog.ensure('app', 'items');
    await work(engine, store, 0, 20_000);
    const before = store.compactionStats.slices;
    let done = false;
    const compaction = store.compact().then(() => {
      done = true;
    });
    let servedDuring = 0;
    let next = 100_000;
    while (!done) {
      engine.autocommit.insert(coll, { _id: next, k: `during-${next}` });
      await store.sync();
      expect(coll.doc(coll.ridForId(next) as number)?.k).toBe(`during-${next}`);
      if (!done) servedDuring++;
      next++;
    }
    await compaction;
    expect(store.compactionStats.slices - before).toBeGreaterThanOrEqual(30);
    expect(servedDuring).toBeGreaterThan(5);
    const expected = contents(engine);
    await store.close();
    const again = open(dir);
    expect(contents(again.engine)).toEqual(expected);
    await again.store.close();
  }, 60_000);

  const steps: [CompactionStep, number][] = [
    ['journal-created', 1],
    ['cut', 1],
    ['slice', 1],
    ['slice', 3],
    ['snapshot-written', 1],
    ['snapshot-renamed', 1],
    ['journals-removed', 1],
  ];
  it.each(steps)('when compaction is stopped at "%s" (occurrence %d) and the engine goes on, then a restart has every write', async (at, nth) => {
    const dir = tempDir();
    let seen = 0;
    const { engine, store } = open(dir, {
      sliceRecords: 200,
      onCompactionStep: (step) => {
        if (step === at && ++seen === nth) throw new Error(`crash injected at ${step}`);
      },
    });
    await work(engine, store, 0, 2000);
    // A first complete compaction, so the crash happens with an older snapshot on disk too.
    seen = -1000;
    await store.compact();
    seen = 0;
    await work(engine, store, 2000, 3000);
    const running = store.compact();
    const during = work(engine, store, 3000, 3300);
    await expect(running).rejects.toThrow(`crash injected at ${at}`);
    await during;
    await work(engine, store, 3300, 3500);
    const expected = contents(engine);
    await store.close();

    const again = open(dir);
    expect(contents(again.engine)).toEqual(expected);
    // And it compacts cleanly afterwards.
    await again.store.compact();
    await again.store.close();
    const third = open(dir);
    expect(contents(third.engine)).toEqual(expected);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('journal'))).toHaveLength(1);
    await third.store.close();
  }, 60_000);
});
