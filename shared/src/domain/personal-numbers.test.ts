import { idNumberCheckChar } from './id-card';
import { findPersonalNumbers, luhnValid, maskPersonalNumbers } from './personal-numbers';

const id17 = '15052119850315123';
const ID = id17 + idNumberCheckChar(id17);
const CARD = '6222021234567890128'; // Luhn-valid, 19 digits

describe('personal numbers in free text', () => {
  it('when text holds an ID number, a phone and a card (grouped as typed), then each is found with its kind', () => {
    expect(luhnValid(CARD)).toBe(true);
    const text = `老板欠薪，我的身份证${ID}，电话138 0013 8000，工资卡 ${CARD.replace(/(\d{4})(?=\d)/g, '$1 ')}，住址幸福路12号`;
    expect(findPersonalNumbers(text).map((m) => [m.kind, m.value])).toEqual([
      ['idNumber', ID],
      ['phone', '13800138000'],
      ['bankCard', CARD],
    ]);
    const masked = maskPersonalNumbers(text);
    expect(masked).not.toContain(ID);
    expect(masked).toContain('138****8000');
    expect(masked).toContain('****0128');
    expect(masked).toContain('幸福路12号');
  });

  it('when numbers are not personal (amounts, dates, wrong check digits, non-Luhn runs), then they are left alone', () => {
    const wrongCheck = id17 + (idNumberCheckChar(id17) === '1' ? '2' : '1');
    const text = `欠款 32000 元，2024-05-01 开工，${wrongCheck}，1234567890123456，订单 12345678901`;
    expect(findPersonalNumbers(text)).toEqual([]);
  });
});
