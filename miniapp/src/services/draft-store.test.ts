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
