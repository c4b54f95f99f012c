import { act, renderHook, waitFor } from '@testing-library/react';
import { requests, setRequestHandler, type MockRequestOptions } from '../../../../test/mocks/taro';
import { buildRegion, buildWorkerView, filledRegistration } from '../../../../test/factories';
import { saveSession } from '@/services/auth-token';
import { registrationDraft } from '../registration-form';
import { useRegistrationForm } from './use-registration-form';

const village = [
  buildRegion('15', '内蒙古自治区', 'province', null),
  buildRegion('1505', '通辽市', 'city', '15'),
  buildRegion('150521', '科尔沁左翼中旗', 'county', '1505'),
  buildRegion('150521100', '保康镇', 'township', '150521'),
  buildRegion('150521100201', '保南村', 'village', '150521100'),
];

const filled = filledRegistration(village);

const subject = { subjectId: 's1', role: 'worker' as const, regionScope: null, workerId: null, displayName: null, phoneMasked: '139****1234' };
const worker = buildWorkerView();
const tokens = (workerId: string | null) => ({
  tokenType: 'Bearer',
  accessToken: `access-${workerId ?? 'none'}`,
  accessTokenExpiresAt: '2026-11-22T01:00:00.000Z',
  refreshToken: 'refresh-token-long-enough-1234',
  refreshTokenExpiresAt: '2026-12-22T00:00:00.000Z',
  subject: { ...subject, workerId },
  isNew: false,
});

const registrations = () => requests.filter((r) => r.url.endsWith('/workers/me') && r.method === 'PUT');

describe('registration form hook', () => {
  beforeEach(() => {
    saveSession(tokens(null));
  });

  it('when a value changes, then the draft is saved and a new form restores it', () => {
    const { result, unmount } = renderHook(() => useRegistrationForm());
    act(() => result.current.update({ name: '巴特尔', householdPath: village }));
    unmount();
    expect(registrationDraft.load()?.values.name).toBe('巴特尔');
    const again = renderHook(() => useRegistrationForm());
    expect(again.result.current.restored).toBe(true);
    expect(again.result.current.values.householdPath.at(-1)?.name).toBe('保南村');
  });

  it('when the network drops on submit, then the draft stays and the retry sends the same Idempotency-Key', async () => {
    let online = false;
    setRequestHandler((options: MockRequestOptions) => {
      if (!online) throw { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' };
      if (options.url.endsWith('/auth/refresh')) return { statusCode: 200, data: tokens('w1') };
      return { statusCode: 200, data: { outcome: 'created', worker } };
    });
    const { result } = renderHook(() => useRegistrationForm());
    act(() => result.current.update(filled));
    await act(async () => result.current.send());
    expect(result.current.submit).toEqual({ kind: 'offline' });
    expect(registrationDraft.load()?.values.name).toBe('巴特尔');
    const firstKeys = new Set(registrations().map((r) => r.header?.['Idempotency-Key']));
    expect(firstKeys.size).toBe(1);

    online = true;
    await act(async () => result.current.send());
    await waitFor(() => expect(result.current.submit.kind).toBe('done'));
    const keys = new Set(registrations().map((r) => r.header?.['Idempotency-Key']));
    expect(keys).toEqual(firstKeys);
    expect(registrationDraft.load()).toBeNull();
    expect(requests.some((r) => r.url.endsWith('/auth/refresh'))).toBe(true);
  });

  it('when the server answers field errors, then they show on their fields and the step moves there', async () => {
    setRequestHandler(() => ({
      statusCode: 400,
      data: { error: { code: 'VALIDATION_FAILED', message: '填写的信息有误', fields: { householdRegionCode: '没有找到这个村，请重新选择' } } },
    }));
    const { result } = renderHook(() => useRegistrationForm());
    act(() => result.current.update(filled));
    act(() => result.current.setStep(4));
    await act(async () => result.current.send());
    expect(result.current.errors).toEqual({ household: '没有找到这个村，请重新选择' });
    expect(result.current.step).toBe(1);
    expect(registrationDraft.load()?.values.householdGroup).toBe('三组');
  });
});
