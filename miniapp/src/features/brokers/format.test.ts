import { barHeights, yuan } from './format';

describe('broker format', () => {
  it('when fen are shown, then whole yuan drop the decimals', () => {
    expect([yuan(30_000), yuan(12_345), yuan(0)]).toEqual(['300', '123.45', '0']);
  });
  it('when months are charted, then bars scale to the busiest month and a small month stays visible', () => {
    expect(barHeights([0, 1, 50, 100])).toEqual([0, 4, 50, 100]);
    expect(barHeights([0, 0])).toEqual([0, 0]);
  });
});
