import { act, renderHook } from '@testing-library/react';
import { buildComplaint } from '../../../../test/factories';
import { requests, setRequestHandler, type MockRequestOptions } from '../../../../test/mocks/taro';
import { useSupplement } from './use-supplement';

const sent = () => requests.filter((r) => r.url.endsWith('/complaints/c1/supplements') && r.method === 'POST');
const updated = buildComplaint();

describe('adding a missing item after filing (hook)', () => {
  it('when the card number is wrong, then nothing is sent and the field says why', async () => {
    setRequestHandler(() => ({ statusCode: 201, data: updated }));
    const { result } = renderHook(() => useSupplement('c1', () => undefined));
    act(() => result.current.open('bankCard'));
    act(() => result.current.update({ cardNumber: '12ab' }));
    await act(async () => result.current.save());
    expect(sent()).toHaveLength(0);
    expect(result.current.errors.cardNumber).toBeTruthy();
  });

  it('when the network drops, then the retry sends the same Idempotency-Key; the next item gets a new one', async () => {
    let online = false;
    const saved: string[] = [];
    setRequestHandler((options: MockRequestOptions) => {
      if (!online) throw { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' };
      void options;
      return { statusCode: 201, data: updated };
    });
    const { result } = renderHook(() => useSupplement('c1', (c) => saved.push(c.id)));
    act(() => result.current.open('amountOwed'));
    act(() => result.current.update({ amountYuan: '8600' }));
    await act(async () => result.current.save());
    expect(result.current.state).toBe('offline');
    expect(result.current.item).toBe('amountOwed');

    online = true;
    await act(async () => result.current.save());
    expect(saved).toEqual(['c1']);
    expect(result.current.item).toBeNull();
    expect(result.current.saved).toBe('amountOwed');
    const first = sent().map((r) => r.header?.['Idempotency-Key']);
    // The http layer may try again itself; every try of this item carries the one key.
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(new Set(first).size).toBe(1);
    expect(sent().at(-1)?.data).toEqual({ item: 'amountOwed', amountOwedYuan: '8600' });

    act(() => result.current.open('projectName'));
    act(() => result.current.update({ name: '保康镇安置房' }));
    await act(async () => result.current.save());
    const keys = sent().map((r) => r.header?.['Idempotency-Key']);
    expect(new Set(keys).size).toBe(2);
  });

  it('when the server says the item is already there, then its plain words show on the form', async () => {
    setRequestHandler(() => ({ statusCode: 409, data: { error: { code: 'CONFLICT', message: '这一项已经填过了，不用再补', fields: {} } } }));
    const { result } = renderHook(() => useSupplement('c1', () => undefined));
    act(() => result.current.open('respondentPhone'));
    act(() => result.current.update({ phone: '13800005678' }));
    await act(async () => result.current.save());
    expect(result.current.errors.form).toBe('这一项已经填过了，不用再补');
    expect(result.current.item).toBe('respondentPhone');
  });
});
