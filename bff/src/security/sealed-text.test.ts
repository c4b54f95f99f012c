import { idNumberCheckChar } from '@zhuanyi/shared';
import { FieldCrypto } from './field-crypto';
import { maskSealed, openSealedDeep, sealFreeText } from './sealed-text';
import { OutboxDispatcher } from '../integrations/pes/outbox-dispatcher';
import type { OutboxRecord } from '../integrations/pes/pes.models';
import { createLogger } from '../logging/logger';
import type { PesAdapter } from '../integrations/pes/pes.adapter';

const crypto = new FieldCrypto(Buffer.from('3f9a1c7e5b2d8046e1f3a5c7b9d0e2f4a6c8e0b2d4f6081a3c5e7092b4d6f8a1', 'hex'));
const id17 = '15052119850315123';
const ID = id17 + idNumberCheckChar(id17);
const CARD = '6222021234567890128';

describe('free text with personal numbers sealed in place', () => {
  const text = `工头身份证${ID}，电话 13800138000，卡 6222 0212 3456 7890 128，住幸福路12号`;

  it('when text is sealed, then no number is left in clear; shown, it is masked; opened, it is the typed text with numbers compact', () => {
    const sealed = sealFreeText(crypto, text);
    for (const v of [ID, '13800138000', CARD, '6222 0212']) expect(sealed).not.toContain(v);
    expect(maskSealed(sealed)).toBe(`工头身份证150521********123${ID.slice(-1)}，电话 138****8000，卡 ****0128，住幸福路12号`);
    expect(openSealedDeep(crypto, { note: sealed, n: 3, list: [sealed] })).toEqual({ note: text.replace('6222 0212 3456 7890 128', CARD), n: 3, list: [text.replace('6222 0212 3456 7890 128', CARD)] });
    expect(sealFreeText(crypto, '没有号码的备注')).toBe('没有号码的备注');
  });

  it('when an outbox item carries sealed free text, then only the body sent upstream holds the numbers', () => {
    const dispatcher = new OutboxDispatcher({
      adapter: {} as PesAdapter,
      crypto,
      logger: createLogger({ level: 'silent' }),
      owner: 'test',
      concurrency: 1,
      maxAttempts: 1,
      backoffBaseMs: 1,
      backoffMaxMs: 1,
      leaseMs: 1000,
      intervalMs: 1000,
    });
    const item = { idempotencyKey: 'k', type: 'complaint', ref: 'complaint:1', sequence: 1, occurredAt: new Date(), data: { demandNote: sealFreeText(crypto, text) }, sealed: [] } as unknown as OutboxRecord;
    expect(JSON.stringify(item.data)).not.toContain(ID);
    expect(dispatcher.bodyOf(item).data).toEqual({ demandNote: text.replace('6222 0212 3456 7890 128', CARD) });
  });
});
