import { isShared } from '../mingo-context';
import { compileFilter, mingoOptions } from '../query';

describe('mingo options shared by the engine’s queries', () => {
  it('when a filter has no collation or variables, then its query uses the shared options and still answers as a fresh one', () => {
    expect(isShared(mingoOptions())).toBe(true);
    const q = compileFilter({ n: { $gte: 2 }, tags: 'a', $or: [{ x: null }, { x: { $gt: 1 } }] });
    expect(q?.test({ n: 3, tags: ['a', 'b'] })).toBe(true);
    expect(q?.test({ n: 1, tags: ['a'] })).toBe(false);
    expect(() => compileFilter({ n: { $nope: 1 } })).toThrow();
  });

  it('when two queries read $$NOW, then each has its own time (nothing is kept in the shared options)', async () => {
    const first = compileFilter({ $expr: { $lt: ['$at', '$$NOW'] } });
    expect(first?.test({ at: new Date(Date.now() - 1000) })).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    const second = compileFilter({ $expr: { $lt: ['$at', '$$NOW'] } });
    // 15 ms ago: before the second query's NOW, after the first one's.
    expect(second?.test({ at: new Date(Date.now() - 15) })).toBe(true);
  });

  it('when a collation or variables are given, then those options are not shared and are honoured', () => {
    const opts = mingoOptions({ locale: 'en', strength: 2 });
    expect(isShared(opts)).toBe(false);
    expect(compileFilter({ name: 'ABC' }, { locale: 'en', strength: 2 })?.test({ name: 'abc' })).toBe(true);
    expect(compileFilter({ name: 'ABC' })?.test({ name: 'abc' })).toBe(false);
    expect(compileFilter({ $expr: { $eq: ['$n', '$$want'] } }, undefined, { want: 4 })?.test({ n: 4 })).toBe(true);
  });
});
