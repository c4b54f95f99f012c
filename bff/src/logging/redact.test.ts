import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { redactText, redactValue } from './redact';

describe('log redaction', () => {
  it('when text holds ID numbers, phones, bearer tokens or JWTs, then they are replaced', () => {
    const text =
      'worker 11010519491231002X phone 13812345678 (+86 139-1234-5678?) auth Bearer abc.def-ghi jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig';
    const out = redactText(text);
    expect(out).not.toMatch(/11010519491231002X|13812345678|abc\.def-ghi|eyJhbGci/);
    expect(out).toContain('[ID]');
    expect(out).toContain('[PHONE]');
  });

  it('when numbers only look similar (region codes, timestamps, ids), then they stay', () => {
    const text = 'village 150521100201 at 1732233600000 job 6b02372392b3deec6442e29f price 800000';
    expect(redactText(text)).toBe(text);
  });

  it('when objects have sensitive keys at any depth, then their values go whatever they hold', () => {
    const out = redactValue({
      headers: { authorization: 'x', cookie: 'y' },
      worker: { idNumber: 'anything', phone: 'anything', name: '张三', nested: [{ refreshToken: 't', note: '电话13812345678' }] },
      password: 'p',
    });
    expect(out).toEqual({
      headers: { authorization: '[REDACTED]', cookie: '[REDACTED]' },
      worker: { idNumber: '[REDACTED]', phone: '[REDACTED]', name: '张三', nested: [{ refreshToken: '[REDACTED]', note: '电话[PHONE]' }] },
      password: '[REDACTED]',
    });
  });

  it('when the logger writes a record, then message and fields are redacted on the way out', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger({ level: 'info', destination });
    log.info({ body: { phone: '13812345678', idCard: '11010519491231002X', q: '11010519491231002X' } }, 'sign-up by 13812345678');
    log.error({ err: new Error('bad id 11010519491231002X') }, 'failed');
    const raw = lines.join('');
    expect(raw).not.toContain('13812345678');
    expect(raw).not.toContain('11010519491231002X');
    expect(raw).toContain('sign-up by [PHONE]');
  });
});

describe('personal numbers typed as people type them', () => {
  it('when a log line holds a grouped phone, a grouped ID number or a bank card, then each is replaced', () => {
    const card = '6222021234567890128';
    const line = redactText(`备注：电话 138-0013-8000，卡号 ${card.replace(/(\d{4})(?=\d)/g, '$1 ')}，另一张 ${card}`);
    expect(line).toBe('备注：电话 [PHONE]，卡号 [CARD]，另一张 [CARD]');
  });
});
