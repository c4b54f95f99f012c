import { JobListResponseSchema } from '@zhuanyi/shared';
import { z } from 'zod';
import { requests, setRequestHandler } from '../../test/mocks/taro';
import { setAccessToken } from './auth-token';
import { errorMessageKey } from './errors';
import {
  ApiError,
  createHttpClient,
  createRefresher,
  http,
  InvalidResponseError,
  NetworkError,
  type HttpClientDeps,
  type RawRequest,
  type RawResponse,
} from './http';

const Ok = z.object({ ok: z.boolean() });

/** A transport answering from a script of steps; records every request. */
function scripted(steps: Array<RawResponse | { fail: string } | 'hang'>) {
  const sent: RawRequest[] = [];
  let aborts = 0;
  const transport: HttpClientDeps['transport'] = {
    send(request) {
      sent.push(request);
      const step = steps[Math.min(sent.length - 1, steps.length - 1)];
      const response: Promise<RawResponse> =
        step === undefined || step === 'hang'
          ? new Promise(() => undefined)
          : 'fail' in step
            ? Promise.reject({ errMsg: step.fail })
            : Promise.resolve(step);
      return { response, abort: () => void (aborts += 1) };
    },
  };
  const sleeps: number[] = [];
  const client = createHttpClient({
    baseUrl: 'https://api.example/api/v1',
    transport,
    getToken: () => 'tok-1',
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    timeoutMs: 50,
  });
  return { client, sent, sleeps, aborts: () => aborts };
}

const errorBody = (code: string, fields?: Record<string, string>) => ({
  error: { code, message: '中文说明', fields, requestId: 'req-9' },
});

describe('http client', () => {
  it('when the answer is 2xx, then it is parsed with the schema and the token and query are sent', async () => {
    const { client, sent } = scripted([{ statusCode: 200, data: { ok: true } }]);
    await expect(client.get('/things', Ok, { q: '电焊 工', trade: undefined, limit: 20 })).resolves.toEqual({ ok: true });
    expect(sent[0]?.url).toBe('https://api.example/api/v1/things?q=%E7%94%B5%E7%84%8A%20%E5%B7%A5&limit=20');
    expect(sent[0]?.header.Authorization).toBe('Bearer tok-1');
    expect(sent[0]?.method).toBe('GET');
  });

  it('when a GET came with an ETag, then the same GET sends If-None-Match and a 304 answers the remembered body; another URL does not', async () => {
    const page = { ok: true };
    const { client, sent } = scripted([
      { statusCode: 200, data: page, header: { ETag: 'W/"abc"' } },
      { statusCode: 304, data: '', header: { etag: 'W/"abc"' } },
      { statusCode: 200, data: { ok: false } },
    ]);
    await expect(client.get('/jobs', Ok, { q: '电焊' })).resolves.toEqual(page);
    await expect(client.get('/jobs', Ok, { q: '电焊' })).resolves.toEqual(page);
    expect(sent[0]?.header['If-None-Match']).toBeUndefined();
    expect(sent[1]?.header['If-None-Match']).toBe('W/"abc"');
    await expect(client.get('/jobs', Ok, { q: '普工' })).resolves.toEqual({ ok: false });
    expect(sent[2]?.header['If-None-Match']).toBeUndefined();
  });

  it('when a 304 comes for a GET the client never saw with an ETag, then it is an error, not an empty answer', async () => {
    const { client } = scripted([{ statusCode: 304, data: '' }]);
    await expect(client.get('/jobs', Ok)).rejects.toBeInstanceOf(ApiError);
  });

  it('when the body is a JSON string (weapp without dataType), then it is parsed', async () => {
    const { client } = scripted([{ statusCode: 200, data: '{"ok":false}' }]);
    await expect(client.get('/things', Ok)).resolves.toEqual({ ok: false });
  });

  it('when the server answers an error body, then ApiError carries its code, fields and request id', async () => {
    const { client, sent } = scripted([
      { statusCode: 400, data: errorBody('VALIDATION_FAILED', { idNumber: '身份证号校验位不对' }) },
    ]);
    const error = await client.get('/things', Ok).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, fields: { idNumber: '身份证号校验位不对' }, requestId: 'req-9' });
    expect(sent).toHaveLength(1);
    expect(errorMessageKey(error)).toBe('error.VALIDATION_FAILED');
  });

  it('when a 4xx has no error body, then the code comes from the status', async () => {
    const { client } = scripted([{ statusCode: 404, data: '<html>not found</html>' }]);
    await expect(client.get('/things', Ok)).rejects.toMatchObject({ name: 'ApiError', code: 'NOT_FOUND', status: 404 });
  });

  it('when a GET meets 503 twice, then it retries with growing backoff and succeeds', async () => {
    const { client, sent, sleeps } = scripted([
      { statusCode: 503, data: errorBody('SERVICE_UNAVAILABLE') },
      { statusCode: 502, data: 'Bad Gateway' },
      { statusCode: 200, data: { ok: true } },
    ]);
    await expect(client.get('/things', Ok)).resolves.toEqual({ ok: true });
    expect(sent).toHaveLength(3);
    expect(sleeps).toEqual([300, 600]);
  });

  it('when every attempt fails, then the last error is thrown after the retries run out', async () => {
    const { client, sent } = scripted([{ fail: 'request:fail net::ERR_INTERNET_DISCONNECTED' }]);
    const error = await client.get('/things', Ok).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ reason: 'offline' });
    expect(errorMessageKey(error)).toBe('error.NETWORK');
    expect(sent).toHaveLength(3);
  });

  it('when the server sends Retry-After, then the client waits that long', async () => {
    const { client, sleeps } = scripted([
      { statusCode: 429, data: errorBody('RATE_LIMITED'), header: { 'Retry-After': '2' } },
      { statusCode: 200, data: { ok: true } },
    ]);
    await client.get('/things', Ok);
    expect(sleeps).toEqual([2000]);
  });

  it('when a POST has no Idempotency-Key, then a network failure is not retried', async () => {
    const { client, sent } = scripted([{ fail: 'request:fail' }]);
    await expect(client.request({ method: 'POST', path: '/things', body: { a: 1 }, schema: Ok })).rejects.toBeInstanceOf(NetworkError);
    expect(sent).toHaveLength(1);
  });

  it('when a POST carries an Idempotency-Key, then it is retried with the same key', async () => {
    const { client, sent } = scripted([{ fail: 'request:fail timeout' }, { statusCode: 201, data: { ok: true } }]);
    await expect(
      client.request({ method: 'POST', path: '/things', body: { a: 1 }, schema: Ok, idempotencyKey: 'k-1' }),
    ).resolves.toEqual({ ok: true });
    expect(sent.map((r) => r.header['Idempotency-Key'])).toEqual(['k-1', 'k-1']);
    expect(sent[0]?.header['Content-Type']).toBe('application/json');
  });

  it('when a 4xx other than 408/429 comes back, then it is not retried', async () => {
    const { client, sent } = scripted([{ statusCode: 409, data: errorBody('CONFLICT') }]);
    await expect(client.get('/things', Ok)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(sent).toHaveLength(1);
  });

  it('when the server never answers, then the request is aborted and a timeout NetworkError is thrown', async () => {
    const { client, aborts } = scripted(['hang']);
    const error = await client.request({ path: '/slow', schema: Ok, retries: 0, timeoutMs: 20 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'timeout' });
    expect(errorMessageKey(error)).toBe('client.timeout');
    expect(aborts()).toBe(1);
  });

  it('when a 2xx body does not match the schema, then InvalidResponseError is thrown without retrying', async () => {
    const { client, sent } = scripted([{ statusCode: 200, data: { items: 'nope' } }]);
    const error = await client.get('/jobs', JobListResponseSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(errorMessageKey(error)).toBe('client.badResponse');
    expect(sent).toHaveLength(1);
  });
});

describe('refresh on 401', () => {
  const pair = {
    tokenType: 'Bearer',
    accessToken: 'new-access',
    accessTokenExpiresAt: '2026-11-22T01:00:00.000Z',
    refreshToken: 'new-refresh-token-0123456789',
    refreshTokenExpiresAt: '2026-12-22T00:00:00.000Z',
    subject: { subjectId: 's', role: 'worker', regionScope: null, workerId: 'w', displayName: null, phoneMasked: null },
    isNew: false,
  };

  function withRefresh(steps: RawResponse[], refreshAnswer: RawResponse) {
    let token = 'old-access';
    let refreshToken: string | null = 'old-refresh-token-0123456789';
    const sent: RawRequest[] = [];
    const transport: HttpClientDeps['transport'] = {
      send(request) {
        sent.push(request);
        const answer = request.url.endsWith('/auth/refresh') ? refreshAnswer : (steps.shift() ?? { statusCode: 500, data: null });
        return { response: Promise.resolve(answer), abort: () => undefined };
      },
    };
    const deps: HttpClientDeps = { baseUrl: '/api/v1', transport, getToken: () => token, sleep: async () => undefined, random: () => 0, timeoutMs: 50 };
    const refresh = createRefresher(createHttpClient(deps), {
      getRefreshToken: () => refreshToken,
      save: (p) => {
        token = p.accessToken;
        refreshToken = p.refreshToken;
      },
      clear: () => {
        refreshToken = null;
        token = '';
      },
    });
    return { client: createHttpClient({ ...deps, refresh }), sent, state: () => ({ token, refreshToken }) };
  }

  it('when the access token has expired, then the client refreshes once and resends with the new token', async () => {
    const { client, sent, state } = withRefresh(
      [
        { statusCode: 401, data: errorBody('UNAUTHENTICATED') },
        { statusCode: 200, data: { ok: true } },
      ],
      { statusCode: 200, data: pair },
    );
    await expect(client.get('/things', Ok)).resolves.toEqual({ ok: true });
    expect(sent.map((r) => r.url)).toEqual(['/api/v1/things', '/api/v1/auth/refresh', '/api/v1/things']);
    expect(sent[2]?.header.Authorization).toBe('Bearer new-access');
    expect(state().refreshToken).toBe('new-refresh-token-0123456789');
  });

  it('when the resent request is refused again, then it fails without a second refresh', async () => {
    const { client, sent } = withRefresh(
      [
        { statusCode: 401, data: errorBody('UNAUTHENTICATED') },
        { statusCode: 401, data: errorBody('UNAUTHENTICATED') },
      ],
      { statusCode: 200, data: pair },
    );
    await expect(client.get('/things', Ok)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(sent.filter((r) => r.url.endsWith('/auth/refresh'))).toHaveLength(1);
  });

  it('when the refresh token is refused, then the session is cleared and the 401 stands', async () => {
    const { client, state } = withRefresh([{ statusCode: 401, data: errorBody('UNAUTHENTICATED') }], {
      statusCode: 401,
      data: errorBody('UNAUTHENTICATED'),
    });
    await expect(client.get('/things', Ok)).rejects.toMatchObject({ status: 401 });
    expect(state().refreshToken).toBeNull();
  });

  it('when sign-in itself answers 401, then no refresh is tried', async () => {
    const { client, sent } = withRefresh([{ statusCode: 401, data: errorBody('UNAUTHENTICATED') }], { statusCode: 200, data: pair });
    await expect(client.request({ method: 'POST', path: '/auth/sms', body: {}, schema: Ok })).rejects.toMatchObject({ status: 401 });
    expect(sent).toHaveLength(1);
  });
});

describe('the default client over Taro.request', () => {
  it('when a token is stored, then it goes to the same-origin API base with the bearer token', async () => {
    setAccessToken('stored-token');
    setRequestHandler(() => ({ statusCode: 200, data: { items: [], nextCursor: null } }));
    await expect(http.get('/jobs', JobListResponseSchema, { limit: 5 })).resolves.toEqual({ items: [], nextCursor: null });
    expect(requests[0]).toMatchObject({
      url: '/api/v1/jobs?limit=5',
      method: 'GET',
      header: { Authorization: 'Bearer stored-token', Accept: 'application/json' },
    });
  });

  it('when Taro.request fails, then the failure becomes a NetworkError', async () => {
    setRequestHandler(() => {
      throw { errMsg: 'request:fail timeout' };
    });
    await expect(http.request({ method: 'DELETE', path: '/x', schema: Ok })).rejects.toMatchObject({
      name: 'NetworkError',
      reason: 'timeout',
    });
  });
});
