import {
  ageFromIdNumber,
  ageOn,
  idNumberCheckChar,
  isValidIdNumber,
  maskIdNumber,
  parseIdNumber,
} from './id-card';

/** Builds a valid number from 17 digits by appending the computed check character. */
const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);

describe('身份证号 (GB 11643)', () => {
  it('when the published sample 11010519491231002X is checked, then it is valid, female, born 1949-12-31', () => {
    const r = parseIdNumber('11010519491231002X', '2024-06-01');
    expect(r).toEqual({
      valid: true,
      idNumber: '11010519491231002X',
      regionCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('when the check character is computed by hand, then it matches the weights 7,9,10,5,8,4,2,1,6,3,... mod 11', () => {
    // 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 % 11 = 2; '10X98765432'[2] = 'X'
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    // 7+45+0+25+0+8+2+9+54+0+0+9+0+5+8+0+2 = 174; 174 % 11 = 9; '10X98765432'[9] = '3'
    expect(idNumberCheckChar('15050219900101101')).toBe('3');
  });

  it('when the ending x is lower case or the number has spaces, then it is normalized and accepted', () => {
    const r = parseIdNumber(' 110105 19491231 002x ', '2024-06-01');
    expect(r.valid && r.idNumber).toBe('11010519491231002X');
  });

  it('when the 17th digit is odd, then the sex is male', () => {
    const id = withCheck('15050219900101123');
    const r = parseIdNumber(id, '2024-06-01');
    expect(r.valid && r.sex).toBe('male');
    expect(r.valid && r.birthDate).toBe('1990-01-01');
  });

  it('when one digit is changed, then the checksum fails', () => {
    const id = withCheck('15050219900101123');
    const broken = id.slice(0, 5) + String((Number(id[5]) + 1) % 10) + id.slice(6);
    expect(parseIdNumber(broken, '2024-06-01')).toEqual({ valid: false, problem: 'checksum' });
  });

  it('when the length or characters are wrong, then the problem is format', () => {
    for (const bad of ['', '1505021990010112', '1505021990010112345', '15050219900101123Y', '050502199001011234']) {
      expect(parseIdNumber(bad, '2024-06-01')).toEqual({ valid: false, problem: 'format' });
    }
  });

  it('when the birth date does not exist or lies in the future, then the problem is birthDate', () => {
    expect(parseIdNumber(withCheck('15050219900230123'), '2024-06-01')).toEqual({ valid: false, problem: 'birthDate' });
    expect(parseIdNumber(withCheck('15050219901301123'), '2024-06-01')).toEqual({ valid: false, problem: 'birthDate' });
    expect(parseIdNumber(withCheck('15050220240602123'), '2024-06-01')).toEqual({ valid: false, problem: 'birthDate' });
    expect(parseIdNumber(withCheck('15050218991231123'), '2024-06-01')).toEqual({ valid: false, problem: 'birthDate' });
    expect(isValidIdNumber(withCheck('15050220000229123'), '2024-06-01')).toBe(true);
  });

  it('when the age is asked, then birthdays not yet reached this year do not count', () => {
    expect(ageOn('1990-06-02', '2024-06-01')).toBe(33);
    expect(ageOn('1990-06-01', '2024-06-01')).toBe(34);
    expect(ageFromIdNumber(withCheck('15050219900602123'), '2024-06-01')).toBe(33);
    expect(ageFromIdNumber('123', '2024-06-01')).toBeNull();
  });

  it('when masked, then the first 6 and last 4 stay: 150502********123X', () => {
    const id = '15050219900101123X';
    expect(maskIdNumber(id)).toBe('150502********123X');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
  });
});
