import { idNumberCheckChar } from '@zhuanyi/shared';
import { FieldCrypto } from './field-crypto';
import { z } from 'zod';
import { ComplaintDecisionSchema, sealedText, WorkerRegistrationInputSchema } from '@zhuanyi/shared';
import { maskSealed, maskSealedDeep, openSealedDeep, sealFreeText, sealFreeTextIn } from './sealed-text';
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

describe('free-text fields sealed by their schema (one mechanism for every module)', () => {
  const note = `联系 13800138000，身份证 ${ID}`;

  it('when a schema marks fields as free text, then only those are sealed, through wrappers, arrays, unions and preprocess', () => {
    const schema = z.object({
      phone: z.string(),
      note: sealedText(z.string().trim().max(200)).optional(),
      list: z.array(z.object({ words: sealedText(z.string()).default('') })),
      step: z.discriminatedUnion('action', [z.object({ action: z.literal('a'), reason: sealedText(z.string()) }), z.object({ action: z.literal('b'), reason: z.string() })]),
      loose: z.preprocess((v) => v, sealedText(z.string()).optional()),
    });
    const value = schema.parse({ phone: '13800138000', note, list: [{ words: note }], step: { action: 'a', reason: note }, loose: note });
    const sealed = sealFreeTextIn(crypto, schema, value);
    expect(sealed.phone).toBe('13800138000');
    for (const text of [sealed.note, sealed.list[0]?.words, sealed.step.reason, sealed.loose]) {
      expect(text).not.toContain('13800138000');
      expect(text).not.toContain(ID);
      expect(maskSealed(text)).toBe(`联系 138****8000，身份证 ${ID.slice(0, 6)}********${ID.slice(-4)}`);
    }
    expect(value.note).toBe(note);
    // Sealing again leaves sealed numbers as they are.
    expect(sealFreeText(crypto, sealed.note ?? '')).toBe(sealed.note);
  });

  it('when a worker registration or a complaint decision holds numbers in free text, then the shared schemas mark those fields', () => {
    const registration = WorkerRegistrationInputSchema.parse({
      name: '包金山', idNumber: ID, ethnicity: '蒙古族', phone: '13900001111', education: 'junior', householdRegionCode: '150521100201',
      householdGroup: '三组13800138000', mobility: 'can_travel_far', certificates: [{ name: '焊工证', number: ID }],
      jobIntention: { wantsJob: true }, trainingIntention: { wantsTraining: false }, employment: { status: 'unemployed' },
    });
    const sealed = sealFreeTextIn(crypto, WorkerRegistrationInputSchema, registration);
    expect(sealed.idNumber).toBe(ID);
    expect(sealed.phone).toBe('13900001111');
    expect(maskSealedDeep(sealed).householdGroup).toBe('三组138****8000');
    expect(JSON.stringify(sealed.certificates)).not.toContain(ID);
    const decision = sealFreeTextIn(crypto, ComplaintDecisionSchema, ComplaintDecisionSchema.parse({ action: 'reject', reason: note }));
    expect(JSON.stringify(decision)).not.toContain('13800138000');
  });

  it('when an answer holds no sealed text, then masking returns the very same object', () => {
    const answer = { items: [{ a: 'x', n: 1, at: new Date(0) }], total: 1 };
    expect(maskSealedDeep(answer)).toBe(answer);
    expect(maskSealedDeep({ a: [sealFreeText(crypto, note)] })).toEqual({ a: [maskSealed(sealFreeText(crypto, note))] });
  });
});
