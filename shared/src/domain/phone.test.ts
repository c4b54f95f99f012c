import { checkMobilePhone, isMobilePhone, maskMobilePhone, normalizeMobilePhone } from './phone';

describe('mobile phone (CN)', () => {
  it('when the number has 11 digits starting 13-19, then it is accepted', () => {
    for (const ok of ['13800005678', '15912345678', '19912345678', '16612345678']) expect(isMobilePhone(ok)).toBe(true);
  });

  it('when the number has a +86 prefix, spaces or dashes, then they are removed', () => {
    expect(normalizeMobilePhone('+86 138-0000-5678')).toBe('13800005678');
    expect(normalizeMobilePhone('008613800005678')).toBe('13800005678');
    expect(isMobilePhone('+86 138 0000 5678')).toBe(true);
  });

  it('when the number is short, long, a landline or starts 10-12, then it is rejected', () => {
    for (const bad of ['', '1380000567', '138000056789', '04758888888', '12812345678', '1380000567a']) {
      expect(isMobilePhone(bad)).toBe(false);
    }
  });

  it('when a number is refused, then the problem says what is wrong: 11 digits not starting 13-19 is the prefix, not the length', () => {
    expect(checkMobilePhone('23800138000')).toBe('prefix');
    expect(checkMobilePhone('12812345678')).toBe('prefix');
    expect(checkMobilePhone('1380000567')).toBe('length');
    expect(checkMobilePhone('1380000567a')).toBe('digits');
    expect(checkMobilePhone('+86 138 0000 5678')).toBeNull();
  });

  it('when masked, then it reads 138****5678', () => {
    expect(maskMobilePhone('13800005678')).toBe('138****5678');
    expect(maskMobilePhone('+86 138 0000 5678')).toBe('138****5678');
  });
});
