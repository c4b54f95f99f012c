import { loadLocale, setLocale } from '@/i18n';
import { errorText } from './error-text';
import { toApiError } from './http';

const body = {
  error: {
    code: 'VALIDATION_FAILED',
    message: '验证码不对，还可以再试 3 次',
    messageKey: 'error.smsCodeWrong',
    params: { left: 3 },
    fields: { phone: '手机号码应为11位数字', note: '这段是服务器自己写的' },
    fieldKeys: { phone: { key: 'validation.phone.length' } },
  },
};

describe('server errors in the user language', () => {
  beforeAll(() => Promise.all([loadLocale('ug'), loadLocale('bo'), loadLocale('mn-Mong')]));
  afterEach(() => setLocale('zh-CN'));

  it('when the language is Uyghur, then the message and keyed fields come from the Uyghur catalog with their values', () => {
    setLocale('ug');
    const error = toApiError(400, body);
    // The count is isolated left to right (LRI…PDI) inside the right-to-left sentence.
    expect(errorText(error)).toBe('دەلىللەش كودى خاتا، يەنە \u20663\u2069 قېتىم سىنىيالايسىز');
    expect(error.fields.phone).toBe('تېلېفون نومۇرى 11 خانىلىق سان بولىدۇ');
    // A field without a key keeps the server's Chinese text.
    expect(error.fields.note).toBe('这段是服务器自己写的');
  });

  it('when the language is Tibetan or Chinese, then the same body reads in that language', () => {
    setLocale('bo');
    expect(errorText(toApiError(400, body))).toContain('{left}'.replace('{left}', '3'));
    expect(errorText(toApiError(400, body))).toMatch(/[\u0f40-\u0f6c]/);
    setLocale('zh-CN');
    expect(errorText(toApiError(400, body))).toBe('验证码不对，还可以再试 3 次');
  });

  it('when an older server sends no key, then the Chinese message is shown as before', () => {
    setLocale('mn-Mong');
    const { messageKey: _k, params: _p, fieldKeys: _f, ...plain } = body.error;
    expect(errorText(toApiError(400, { error: plain }))).toBe('验证码不对，还可以再试 3 次');
  });
});
