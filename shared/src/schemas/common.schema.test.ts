import { z } from 'zod';
import { IdNumberSchema, MobilePhoneSchema, PersonNameSchema, TownshipCodeSchema, VillageCodeSchema } from './common.schema';
import { fieldMessages, messageKeyErrorMap } from '../i18n';
import { zhCN } from '../i18n/zh-CN';

const Form = z.object({
  name: PersonNameSchema,
  idNumber: IdNumberSchema,
  phone: MobilePhoneSchema,
  villageCode: VillageCodeSchema,
  age: z.number().int().max(120),
});

describe('field schemas with i18n message keys', () => {
  it('when input is valid but untidy, then the parsed value is normalized', () => {
    const v = Form.parse({
      name: ' 阿卜杜热合曼•买买提艾力',
      idNumber: '11010519491231002x',
      phone: '+86 138 0000 5678',
      villageCode: '150502001001',
      age: 40,
    });
    expect(v).toEqual({
      name: '阿卜杜热合曼·买买提艾力',
      idNumber: '11010519491231002X',
      phone: '13800005678',
      villageCode: '150502001001',
      age: 40,
    });
  });

  it('when domain rules fail, then issues carry message keys that the zh-CN catalog knows', () => {
    const r = Form.safeParse({ name: 'Tom', idNumber: '110105194912310021', phone: '123', villageCode: '150502001', age: 1 });
    expect(r.success).toBe(false);
    const messages = r.error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(messages).toEqual([
      ['name', 'validation.personName.characters'],
      ['idNumber', 'validation.idNumber.checksum'],
      ['phone', 'validation.phone.length'],
      ['villageCode', 'validation.regionCode.village'],
    ]);
    for (const [, key] of messages ?? []) expect(Object.keys(zhCN)).toContain(key);
  });

  it('when issues are turned into fields, then each path gets plain Chinese text', () => {
    const r = Form.safeParse(
      { name: '张三', idNumber: '11010519491231002X', phone: '13800005678', villageCode: '150502001001', age: 121 },
      { error: messageKeyErrorMap },
    );
    expect(r.success).toBe(false);
    expect(fieldMessages(r.error?.issues ?? [])).toEqual({ age: '不能大于 120' });
  });

  it('when fields are missing and the key error map is used, then they read 此项必须填写', () => {
    const r = Form.safeParse({}, { error: messageKeyErrorMap });
    const fields = fieldMessages(r.error?.issues ?? []);
    expect(fields).toEqual({
      name: '此项必须填写',
      idNumber: '此项必须填写',
      phone: '此项必须填写',
      villageCode: '此项必须填写',
      age: '此项必须填写',
    });
  });

  it('when no key error map was used, then the fallback still gives Chinese by issue code', () => {
    const r = z.object({ n: z.string().max(3), e: z.enum(['a', 'b']) }).safeParse({ n: 'abcd', e: 'c' });
    expect(fieldMessages(r.error?.issues ?? [])).toEqual({ n: '最多 3 个字', e: '请从给定的选项中选择' });
  });

  it('when a township code is asked for and a county code given, then the township key is used', () => {
    const r = TownshipCodeSchema.safeParse('150502');
    expect(r.error?.issues[0]?.message).toBe('validation.regionCode.township');
  });
});

describe('phone field message', () => {
  it('when 23800138000 (11 digits, wrong first digit) is entered, then the message says mobile numbers start with 1, not that 11 digits are needed', () => {
    const r = z.object({ phone: MobilePhoneSchema }).safeParse({ phone: '23800138000' }, { error: messageKeyErrorMap });
    expect(r.success).toBe(false);
    const text = r.error ? fieldMessages(r.error.issues).phone : undefined;
    expect(text).toContain('以1开头');
    expect(text).not.toContain('11位');
  });
});
