import { fenToYuanText, yuanToFen } from './money';

describe('yuanToFen', () => {
  it('when given yuan text with two decimals, then returns exact fen', () => {
    expect(yuanToFen('12345.67')).toBe(1234567);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('19.99')).toBe(1999);
  });
  it('when given separators, a unit or a number, then still parses', () => {
    expect(yuanToFen('12,000元')).toBe(1200000);
    expect(yuanToFen(' 3000 ')).toBe(300000);
    expect(yuanToFen(4321.5)).toBe(432150);
  });
  it('when given a negative, three decimals or words, then returns null', () => {
    expect(yuanToFen('-5')).toBeNull();
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('三千')).toBeNull();
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen(Number.NaN)).toBeNull();
  });
  it('when formatting fen, then shows yuan with two decimals', () => {
    expect(fenToYuanText(1234567)).toBe('12345.67');
    expect(fenToYuanText(5)).toBe('0.05');
  });
});
