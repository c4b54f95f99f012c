import { t, isMessageKey } from './t';
import { zhCN } from './zh-CN';
import { ErrorCodes } from '../errors/error-codes';

describe('t()', () => {
  it('when a key has placeholders, then params fill them', () => {
    expect(t('validation.tooLong', { maximum: 30 })).toBe('最多 30 个字');
  });

  it('when a key is unknown, then it comes back unchanged', () => {
    expect(t('no.such.key')).toBe('no.such.key');
    expect(isMessageKey('no.such.key')).toBe(false);
  });

  it('when a param is missing, then its placeholder stays visible', () => {
    expect(t('validation.tooShort')).toBe('至少需要 {minimum} 个字');
  });

  it('when the catalog is checked, then every error code has Chinese text', () => {
    for (const code of ErrorCodes) expect(zhCN[`error.${code}`]).toMatch(/[\u4e00-\u9fff]/);
  });
});
