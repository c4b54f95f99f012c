import { act, renderHook, waitFor } from '@testing-library/react';
import { requests, setRequestHandler } from '../../../../test/mocks/taro';
import type { AlertPermission } from '../alert-permission';
import { useJobAlert } from './use-job-alert';

const alert = { trades: ['电焊工'], places: [], channel: 'wechat', createdAt: '2026-06-01T02:00:00.000Z', lastNotice: null };

function permission(answer: boolean) {
  const asked: number[] = [];
  const p: AlertPermission = {
    ask: () => {
      asked.push(requests.length);
      return Promise.resolve(answer);
    },
  };
  return { p, asked };
}

describe('useJobAlert', () => {
  it('when the worker subscribes, then WeChat permission is asked in the tap, before any request, and its answer is sent', async () => {
    setRequestHandler((o) => ({ statusCode: 200, data: o.method === 'PUT' ? { alert } : { alert: null } }));
    const { p, asked } = permission(true);
    const { result } = renderHook(() => useJobAlert(p));
    await waitFor(() => expect(result.current.state).toEqual({ status: 'ready', alert: null }));
    const before = requests.length;
    act(() => result.current.subscribe({ trades: ['电焊工'] }));
    expect(asked).toEqual([before]);
    await waitFor(() => expect(result.current.state).toEqual({ status: 'ready', alert }));
    const put = requests.find((r) => r.method === 'PUT');
    expect(put?.url).toBe('/api/v1/job-alerts/me');
    expect(put?.data).toEqual({ trades: ['电焊工'], wechatAccepted: true });
  });

  it('when subscribing fails, then the reason is shown and the retry resends with the same Idempotency-Key; stop clears the alert', async () => {
    let fail = true;
    setRequestHandler((o) => {
      if (o.method === 'PUT' && fail) return { statusCode: 409, data: { error: { code: 'CONFLICT', message: '请稍后再试' } } };
      if (o.method === 'DELETE') return { statusCode: 200, data: { alert: null } };
      return { statusCode: 200, data: { alert: o.method === 'PUT' ? { ...alert, channel: 'sms' } : null } };
    });
    const { p } = permission(false);
    const { result } = renderHook(() => useJobAlert(p));
    await waitFor(() => expect(result.current.state.status).toBe('ready'));
    act(() => result.current.subscribe());
    await waitFor(() => expect(result.current.failure).not.toBeNull());
    fail = false;
    act(() => result.current.subscribe());
    await waitFor(() => expect(result.current.state).toEqual({ status: 'ready', alert: { ...alert, channel: 'sms' } }));
    const keys = requests.filter((r) => r.method === 'PUT').map((r) => r.header?.['Idempotency-Key']);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
    expect(requests.filter((r) => r.method === 'PUT').every((r) => (r.data as { wechatAccepted: boolean }).wechatAccepted === false)).toBe(true);

    act(() => result.current.stop());
    await waitFor(() => expect(result.current.state).toEqual({ status: 'ready', alert: null }));
    expect(requests.at(-1)?.method).toBe('DELETE');
  });
});
