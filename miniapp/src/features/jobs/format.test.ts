import { formatPay, formatShanghaiDate, formatYuan, jobAddressText, transportLabelKey } from './format';

describe('job formatting', () => {
  it('when fen are whole yuan, then they show as grouped yuan without decimals', () => {
    expect(formatYuan(450000)).toBe('4,500');
    expect(formatYuan(12345600)).toBe('123,456');
    expect(formatYuan(0)).toBe('0');
  });

  it('when fen have jiao/fen, then two decimals show', () => {
    expect(formatYuan(450050)).toBe('4,500.50');
    expect(formatYuan(5)).toBe('0.05');
  });

  it('when min and max differ, then a monthly range in yuan shows', () => {
    expect(formatPay({ payMinFen: 450000, payMaxFen: 600000 })).toBe('4,500–6,000 元/月');
  });

  it('when min equals max or only one is known, then one amount shows', () => {
    expect(formatPay({ payMinFen: 500000, payMaxFen: 500000 })).toBe('5,000 元/月');
    expect(formatPay({ payMinFen: 0, payMaxFen: 500000 })).toBe('5,000 元/月');
  });

  it('when pay is unknown (0), then 工资面议 shows', () => {
    expect(formatPay({ payMinFen: 0, payMaxFen: 0 })).toBe('工资面议');
  });

  it('when transport is organized, then its label key is chosen; none shows nothing', () => {
    expect(transportLabelKey('shuttle')).toBe('job.transport.shuttle');
    expect(transportLabelKey('point_to_point')).toBe('job.transport.point_to_point');
    expect(transportLabelKey('none')).toBeNull();
  });

  it('when a deadline is late evening UTC, then the Beijing date is the next day', () => {
    expect(formatShanghaiDate('2026-12-31T15:59:59.000Z')).toBe('12月31日');
    expect(formatShanghaiDate('2026-12-31T16:00:00.000Z')).toBe('1月1日');
  });

  it('when the work address already names the region (as seeded and synced jobs do), then the address is printed once', () => {
    expect(jobAddressText({ regionCode: '150502', regionName: '科尔沁区', workAddress: '内蒙古自治区通辽市科尔沁区' })).toBe('内蒙古自治区通辽市科尔沁区');
    expect(jobAddressText({ regionCode: '150502', regionName: '科尔沁区', workAddress: '建国路8号' })).toBe('科尔沁区 建国路8号');
    expect(jobAddressText({ regionCode: '150502', regionName: '科尔沁区', workAddress: ' ' })).toBe('科尔沁区');
  });
});
