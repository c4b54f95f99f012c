import { act, renderHook, waitFor } from '@testing-library/react';
import { requests, setRequestHandler, type MockRequestOptions } from '../../../../test/mocks/taro';
import { fitWarningText } from '../format';
import { useJobDetail } from './use-job-detail';

const AGE = { code: 'age_outside', min: 20, max: 55, age: 61 } as const;
const notFound = { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '没有找到' } } };
const fitCalls = () => requests.filter((r) => r.url.endsWith('/fit'));

function answer(fit: unknown) {
  return (options: MockRequestOptions) => (options.url.endsWith('/fit') ? { statusCode: 200, data: { warnings: fit } } : notFound);
}

describe('job detail hook: warnings before applying', () => {
  it('when a registered worker opens a job whose age range excludes them, then the plain warning is there before 报名', async () => {
    setRequestHandler(answer([AGE]));
    const { result } = renderHook(() => useJobDetail('j1', true));
    await waitFor(() => expect(result.current.fit).toEqual([AGE]));
    expect(fitCalls()[0]?.url).toBe('/api/v1/jobs/j1/fit');
    expect(fitWarningText(result.current.fit[0]!)).toBe('这个岗位要求年龄 20–55 岁，您目前 61 岁，可能不被录用');
  });

  it('when the person is not registered, then no fit check is asked and no warning shows', async () => {
    setRequestHandler(answer([AGE]));
    const { result } = renderHook(() => useJobDetail('j1', false));
    await waitFor(() => expect(result.current.load.status).toBe('error'));
    expect(fitCalls()).toHaveLength(0);
    expect(result.current.fit).toEqual([]);
  });

  it('when the fit check fails, then there is simply no warning; the apply answer brings its own', async () => {
    const cert = { code: 'certificate_required', requirement: '持电工证' } as const;
    setRequestHandler((options) => {
      if (options.url.endsWith('/fit')) return { statusCode: 503, data: { error: { code: 'UNAVAILABLE', message: 'x' } } };
      if (options.method === 'POST') {
        return {
          statusCode: 201,
          data: {
            application: { id: 'a1', jobId: 'j1', status: 'applied', history: [], job: null, contactPhone: null, createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z' },
            created: true,
            warnings: [cert],
          },
        };
      }
      return notFound;
    });
    const { result } = renderHook(() => useJobDetail('j1', true));
    await waitFor(() => expect(fitCalls()).toHaveLength(1));
    expect(result.current.fit).toEqual([]);
    await act(async () => result.current.submit());
    expect(result.current.apply.status).toBe('done');
    expect(result.current.fit).toEqual([cert]);
    expect(fitWarningText(cert)).toContain('持电工证');
  });
});
