/**
 * SortedList's numeric columns (addColumn / columnChunk): the packed values an index intersection
 * compares must always be those of the elements the chunk holds now, through inserts that split
 * chunks, removals that empty them, batch merges and clears.
 */
import { SortedList } from '../storage/sorted-list';

function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/** Every chunk's column against the elements themselves. */
function expectColumnsCurrent(list: SortedList<number>, col: number, of: (x: number) => number): void {
  for (let ci = 0; ci < list.chunkCount; ci++) {
    expect([...list.columnChunk(col, ci)]).toEqual(list.chunkAt(ci).map(of));
  }
}

describe('sorted list columns', () => {
  it('when elements are inserted, removed, merged in batches and cleared between reads, then each chunk column matches its elements', () => {
    const r = rng(5);
    const list = new SortedList<number>((a, b) => a - b);
    const of = (x: number): number => x * 2 + 1;
    const col = list.addColumn(of);
    const held: number[] = [];
    let reads = 0;
    let mostChunks = 0;
    for (let round = 0; round < 60; round++) {
      const op = r();
      if (op < 0.45) {
        // One by one into a narrow span: its chunks fill past their limit and split.
        const base = Math.floor(r() * 98_000);
        for (let i = 0; i < 1_200; i++) {
          const x = base + Math.floor(r() * 2_000);
          if (r() < 0.5) list.insert(x);
          else list.insertAt(list.seek((y) => y >= x), x);
          held.push(x);
        }
      } else if (op < 0.75 && held.length > 0) {
        // Removals, some of whole regions, so chunks empty and go.
        const from = Math.floor(r() * 100_000);
        for (const x of held.filter((v) => v >= from && v < from + 8_000)) {
          expect(list.remove(x)).toBe(true);
          held.splice(held.indexOf(x), 1);
        }
      } else if (op < 0.97) {
        const batch = Array.from({ length: 1 + Math.floor(r() * 3_000) }, () => Math.floor(r() * 100_000)).sort((a, b) => a - b);
        list.insertSorted(batch);
        held.push(...batch);
      } else {
        list.clear();
        held.length = 0;
      }
      // Read some chunks (so cached columns exist when the next change comes), sometimes all of them.
      if (r() < 0.3) {
        expectColumnsCurrent(list, col, of);
        reads++;
      } else for (let ci = 0; ci < list.chunkCount; ci += 3) list.columnChunk(col, ci);
      expect(list.size).toBe(held.length);
      mostChunks = Math.max(mostChunks, list.chunkCount);
    }
    expectColumnsCurrent(list, col, of);
    expect(reads).toBeGreaterThan(5);
    expect(mostChunks).toBeGreaterThan(10);
  });
});
