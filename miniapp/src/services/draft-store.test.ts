import Taro from '@tarojs/taro';
import type { AuthSubject } from '@zhuanyi/shared';
import { clearSession, saveSession } from './auth-token';
import { createDraftStore } from './draft-store';

interface Form {
  name: string;
}
const isForm = (v: unknown): v is Form => typeof v === 'object' && v !== null && typeof (v as Form).name === 'string';

describe('draft store', () => {
  it('when values are saved, then a new store instance restores them with the same key', () => {
    const first = createDraftStore<Form>('draft.test', isForm);
    expect(first.load()).toBeNull();
    const saved = first.save({ name: '巴特' });
    first.save({ name: '巴特尔' });
    const restored = createDraftStore<Form>('draft.test', isForm).load();
    expect(restored?.values).toEqual({ name: '巴特尔' });
    expect(restored?.idempotencyKey).toBe(saved.idempotencyKey);
    expect(restored?.idempotencyKey).toMatch(/^[A-Za-z0-9_.:-]{8,128}$/);
  });

  it('when the same body is sent again, then the same key is used; a changed body gets a new key', () => {
    const store = createDraftStore<Form>('draft.test', isForm);
    const values = { name: '张三' };
    const draftKey = store.save(values).idempotencyKey;
    const k1 = store.keyFor(values, { name: '张三' });
    const k2 = store.keyFor(values, { name: '张三' });
    expect(k1).toBe(draftKey);
    expect(k2).toBe(k1);
    const k3 = store.keyFor({ name: '张三丰' }, { name: '张三丰' });
    expect(k3).not.toBe(k1);
    expect(store.keyFor({ name: '张三丰' }, { name: '张三丰' })).toBe(k3);
  });

  it('when the stored text is not a draft, then nothing is restored; clear removes it', () => {
    const store = createDraftStore<Form>('draft.test', isForm);
    store.save({ name: '李四' });
    store.clear();
    expect(store.load()).toBeNull();
    const bad = createDraftStore<{ other: number }>('draft.test', (v): v is { other: number } => typeof (v as { other?: unknown }).other === 'number');
    store.save({ name: '王五' });
    expect(bad.load()).toBeNull();
  });
});

describe('draft store files', () => {
  const photo = (n: number) => ({ path: `wxfile://store/photo${n}.jpg`, name: `photo${n}.jpg`, size: 1000 * n, type: 'image/jpeg' });

  it('when files are attached, then a new store instance restores them, each with its own key kept across saves', () => {
    const store = createDraftStore<Form>('draft.files', isForm);
    const attached = store.attach({ name: '巴特' }, [photo(1), photo(2), photo(1)]);
    expect(attached.map((f) => f.path)).toEqual([photo(1).path, photo(2).path]);
    expect(new Set(attached.map((f) => f.key)).size).toBe(2);
    store.save({ name: '巴特尔' });
    store.keyFor({ name: '巴特尔' }, { name: '巴特尔' });
    const restored = createDraftStore<Form>('draft.files', isForm).load();
    expect(restored?.values).toEqual({ name: '巴特尔' });
    expect(restored?.files).toEqual(attached);
  });

  it('when a file is uploaded, then it stays marked uploaded and can no longer be removed from the draft; the result id is kept', () => {
    const store = createDraftStore<Form>('draft.files2', isForm);
    store.attach({ name: '张三' }, [photo(1), photo(2), photo(3)]);
    store.markUploaded(photo(1).path);
    store.detach(photo(1).path);
    store.detach(photo(3).path);
    store.setResult('c1');
    const restored = createDraftStore<Form>('draft.files2', isForm).load();
    expect(restored?.files.map((f) => [f.name, f.uploaded])).toEqual([
      ['photo1.jpg', true],
      ['photo2.jpg', false],
    ]);
    expect(restored?.resultId).toBe('c1');
  });

  it('when more than nine files are attached, then only nine are kept', () => {
    const store = createDraftStore<Form>('draft.files3', isForm);
    const kept = store.attach({ name: '李四' }, Array.from({ length: 12 }, (_, i) => photo(i + 1)));
    expect(kept).toHaveLength(9);
  });
});

describe('drafts belong to their account', () => {
  interface Reg {
    name: string;
    idNumber: string;
    note: string;
  }
  const isReg = (v: unknown): v is Reg => typeof v === 'object' && v !== null && typeof (v as Reg).name === 'string';
  const signIn = (subjectId: string) =>
    saveSession({ accessToken: `access-${subjectId}`, refreshToken: `refresh-${subjectId}-long-enough`, subject: { subjectId, role: 'worker', displayName: null, regionScope: null, workerId: null, phoneMasked: '139****1234' } as AuthSubject });
  const ID = '150521198803151236';
  const CARD = '6222021234567890128';

  it('when a draft is saved, then the full ID number and a card typed into a note are not in storage, and the body is kept as a hash', () => {
    signIn('aaaaaaaaaaaaaaaaaaaaaaaa');
    const store = createDraftStore<Reg>('draft.reg', isReg, Date.now, ['idNumber']);
    store.save({ name: '巴特尔', idNumber: ID, note: `卡号 ${CARD}，电话 13800138000` });
    store.keyFor({ name: '巴特尔', idNumber: ID, note: '' }, { idNumber: ID, cardNumber: CARD });
    const stored = JSON.stringify(Object.fromEntries(Taro.getStorageInfoSync().keys.map((k) => [k, Taro.getStorageSync(k)])));
    expect(stored).not.toContain(ID);
    expect(stored).not.toContain(ID.slice(0, 14));
    expect(stored).not.toContain(CARD);
    expect(store.load()?.values).toEqual({ name: '巴特尔', idNumber: '', note: '' });
  });

  it('when another person signs in on the same phone, then they see no draft; sign-out removes every draft', () => {
    signIn('aaaaaaaaaaaaaaaaaaaaaaaa');
    const store = createDraftStore<Reg>('draft.reg', isReg, Date.now, ['idNumber']);
    store.save({ name: '巴特尔', idNumber: '', note: '家住三组' });
    signIn('bbbbbbbbbbbbbbbbbbbbbbbb');
    expect(store.load()).toBeNull();
    signIn('aaaaaaaaaaaaaaaaaaaaaaaa');
    expect(store.load()?.values.note).toBe('家住三组');
    clearSession();
    expect(Taro.getStorageInfoSync().keys.filter((k) => k.startsWith('draft.'))).toEqual([]);
    signIn('aaaaaaaaaaaaaaaaaaaaaaaa');
    expect(store.load()).toBeNull();
  });
});
