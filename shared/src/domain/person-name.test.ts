import { checkPersonName, isPersonName, maskPersonName, normalizePersonName } from './person-name';

describe('person names', () => {
  it('when a Han name of 2-4 characters is given, then it is accepted', () => {
    for (const ok of ['张三', '欧阳娜娜', '王𠮷']) expect(isPersonName(ok)).toBe(true);
  });

  it('when a minority name uses the middle dot, then it is accepted', () => {
    expect(isPersonName('阿卜杜热合曼·买买提艾力')).toBe(true);
    expect(isPersonName('扎西·次仁·多吉')).toBe(true);
  });

  it('when another dot or spaces are typed, then the name is normalized to U+00B7 without spaces', () => {
    expect(normalizePersonName(' 阿卜杜热合曼•买买提艾力 ')).toBe('阿卜杜热合曼·买买提艾力');
    expect(normalizePersonName('巴特尔.额尔敦')).toBe('巴特尔·额尔敦');
    expect(normalizePersonName('张 三')).toBe('张三');
  });

  it('when the name has 30 characters, then it is accepted; 31, then it is too long', () => {
    const thirty = '阿'.repeat(15) + '·' + '买'.repeat(14);
    expect(Array.from(thirty)).toHaveLength(30);
    expect(checkPersonName(thirty)).toBeNull();
    expect(checkPersonName(thirty + '提')).toBe('tooLong');
  });

  it('when the name has Latin letters, digits, a leading, trailing or double dot, then the characters are wrong', () => {
    for (const bad of ['Zhang San', '张3', '·张三', '张三·', '张··三']) expect(checkPersonName(bad)).toBe('characters');
  });

  it('when the name is empty or one character, then it is rejected with its own problem', () => {
    expect(checkPersonName('')).toBe('empty');
    expect(checkPersonName('张')).toBe('tooShort');
  });

  it('when masked, then the first character and dots stay', () => {
    expect(maskPersonName('张三丰')).toBe('张**');
    expect(maskPersonName('扎西·次仁')).toBe('扎*·**');
  });
});
