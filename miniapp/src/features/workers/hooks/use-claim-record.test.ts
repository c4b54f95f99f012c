import { act, renderHook, waitFor } from '@testing-library/react';
import { requests, setRequestHandler, type MockRequestOptions } from '../../../../test/mocks/taro';
import { buildWorkerView, FILLED_IDENTITY } from '../../../../test/factories';
import { getSubject, saveSession } from '@/services/auth-token';
import { claimedIdNumberFor, forgetClaimedIdNumber } from '../claimed-id';
import { useClaimRecord } from './use-claim-record';

const subject = { subjectId: 's1', role: 'worker' as const, regionScope: null, workerId: null as string | null, displayName: null, phoneMasked: '139****1234' };
const tokens = (workerId: string | null) => ({
  tokenType: 'Bearer',
  accessToken: `access-${workerId ?? 'none'}`,
  accessTokenExpiresAt: '2026-11-22T01:00:00.000Z',
  refreshToken: 'refresh-token-long-enough-1234',
  refreshTokenExpiresAt: '2026-12-22T00:00:00.000Z',
  subject: { ...subject, workerId },
  isNew: false,
});
const record = { nameMasked: '巴**', householdRegionName: '内蒙古自治区通辽市科尔沁左翼中旗保康镇保南村', source: 'broker', createdAt: '2026-11-20T02:00:00.000Z' };
const worker = buildWorkerView({ id: 'w9', source: 'broker', claimed: true });
const claims = () => requests.filter((r) => r.url.endsWith('/workers/me/claim'));

/** The BFF as the hook meets it: one record to find; the claim answers what `claimAnswer` says. */
function server(claimAnswer: (o: MockRequestOptions) => { statusCode: number; data: unknown } | 'offline') {
  setRequestHandler((o) => {
    if (o.url.endsWith('/workers/me/claimable')) return { statusCode: 200, data: { items: [record] } };
    if (o.url.endsWith('/auth/refresh')) return { statusCode: 200, data: tokens('w9') };
    if (o.url.endsWith('/workers/me/claim')) {
      const answer = claimAnswer(o);
      if (answer === 'offline') throw { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' };
      return answer;
    }
    throw new Error(`unexpected ${o.url}`);
  });
}

describe('claim a record someone entered (我的)', () => {
  beforeEach(() => {
    saveSession(tokens(null));
    forgetClaimedIdNumber();
  });

  it('when a broker entered a record with my phone, then it is found; a mistyped ID number is caught before sending', async () => {
    server(() => ({ statusCode: 500, data: {} }));
    const { result } = renderHook(() => useClaimRecord(true));
    await waitFor(() => expect(result.current.state).toEqual({ status: 'found', records: [record] }));
    act(() => result.current.type('15052119850615003'));
    await act(async () => result.current.claim());
    expect(result.current.error).toBe('身份证号应为18位，最后一位可以是数字或X');
    expect(claims()).toHaveLength(0);
    act(() => result.current.type('150521198506150031'));
    expect(result.current.error).toBeNull();
  });

  it('when nothing was entered with my phone, or I am registered already, then nothing shows and nothing is asked for', async () => {
    setRequestHandler(() => ({ statusCode: 200, data: { items: [] } }));
    const found = renderHook(() => useClaimRecord(true));
    await waitFor(() => expect(found.result.current.state).toEqual({ status: 'none' }));
    const before = requests.length;
    const registered = renderHook(() => useClaimRecord(false));
    expect(registered.result.current.state).toEqual({ status: 'none' });
    expect(requests.length).toBe(before);
  });

  it('when the ID number matches, then only the ID number is sent, the session gets the workerId, and the number is kept (in memory) for 修改登记信息', async () => {
    server(() => ({ statusCode: 200, data: { outcome: 'claimed', worker } }));
    const { result } = renderHook(() => useClaimRecord(true));
    await waitFor(() => expect(result.current.state.status).toBe('found'));
    act(() => result.current.type(` ${FILLED_IDENTITY.idNumber.toLowerCase()} `));
    await act(async () => result.current.claim());
    expect(result.current.state).toEqual({ status: 'claimed', worker });
    expect(claims().map((r) => r.data)).toEqual([{ idNumber: FILLED_IDENTITY.idNumber }]);
    expect(getSubject()?.workerId).toBe('w9');
    expect(claimedIdNumberFor('w9')).toBe(FILLED_IDENTITY.idNumber);
    expect(claimedIdNumberFor('someone-else')).toBe('');
  });

  it('when the network drops, then the retry sends the same Idempotency-Key; when the server says no, the reason shows and the next try gets a new key', async () => {
    let answer: 'offline' | 'mismatch' | 'ok' = 'offline';
    server(() => {
      if (answer === 'offline') return 'offline';
      if (answer === 'mismatch') return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '身份证号或手机号与登记信息不一致', messageKey: 'error.workerClaimMismatch' } } };
      return { statusCode: 200, data: { outcome: 'claimed', worker } };
    });
    const { result } = renderHook(() => useClaimRecord(true));
    await waitFor(() => expect(result.current.state.status).toBe('found'));
    act(() => result.current.type(FILLED_IDENTITY.idNumber));
    await act(async () => result.current.claim());
    expect(result.current.state.status).toBe('found');
    expect(result.current.error).not.toBeNull();
    answer = 'mismatch';
    await act(async () => result.current.claim());
    expect(result.current.error).toBe('身份证号或手机号与登记信息不一致');
    answer = 'ok';
    await act(async () => result.current.claim());
    expect(result.current.state.status).toBe('claimed');
    const keys = claims().map((r) => r.header?.['Idempotency-Key']);
    expect(keys.length).toBeGreaterThanOrEqual(3);
    const offlineKey = keys[0];
    expect(keys.filter((k) => k === offlineKey).length).toBe(keys.length - 1);
    expect(keys.at(-1)).not.toBe(offlineKey);
  });

  it('when the privacy consents are missing, then the page is asked to show them and the claim goes on once agreed', async () => {
    let consented = false;
    server(() =>
      consented
        ? { statusCode: 200, data: { outcome: 'claimed', worker } }
        : { statusCode: 403, data: { error: { code: 'FORBIDDEN', message: '请先同意隐私说明', messageKey: 'error.consent.required' } } },
    );
    const { result } = renderHook(() => useClaimRecord(true));
    await waitFor(() => expect(result.current.state.status).toBe('found'));
    act(() => result.current.type(FILLED_IDENTITY.idNumber));
    await act(async () => result.current.claim());
    expect(result.current.needsConsent).toBe(true);
    expect(result.current.error).toBeNull();
    consented = true;
    act(() => result.current.consented());
    await waitFor(() => expect(result.current.state.status).toBe('claimed'));
    expect(result.current.needsConsent).toBe(false);
  });
});
