import { zhCN } from '../i18n/zh-CN';
import { Trades, tradeCodeOf, tradeKeyOf } from './trades';

describe('the trade list', () => {
  it('each trade has a catalog key whose Chinese text is its name', () => {
    for (const trade of Trades) expect(zhCN[`trade.${trade.code}`]).toBe(trade.zh);
  });

  it('finds a trade by its Chinese name; an unknown name has no code', () => {
    expect(tradeCodeOf(' 电焊工 ')).toBe('welder');
    expect(tradeKeyOf('电焊工')).toBe('trade.welder');
    expect(tradeCodeOf('电焊')).toBeNull();
    expect(tradeKeyOf('无人机飞手')).toBeNull();
  });
});
