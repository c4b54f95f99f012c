import { act, renderHook } from '@testing-library/react';
import { requests, setRequestHandler, type MockRequestOptions } from '../../../../test/mocks/taro';
import { buildRegion, buildWorkerView, filledRegistration } from '../../../../test/factories';
import { enrolDraft, useEnrolForm } from './use-enrol-form';

const village = [buildRegion('15', '内蒙古自治区', 'province', null), buildRegion('150521100201', '保南村', 'village', '15')];
const filled = filledRegistration(village);
const worker = buildWorkerView({ source: 'broker', claimed: false });

const enrolments = () => requests.filter((r) => r.url.endsWith('/brokers/me/people') && r.method === 'POST');

describe('broker enrol form hook', () => {
  it('when the consent is not ticked, then nothing is sent and the consent shows an error until ticked', async () => {
    setRequestHandler(() => ({ statusCode: 201, data: { outcome: 'created', worker } }));
    const { result } = renderHook(() => useEnrolForm());
    act(() => result.current.update(filled));
    await act(async () => result.current.send());
    expect(enrolments()).toHaveLength(0);
    expect(result.current.consentError).not.toBeNull();
    act(() => result.current.setConsent(true));
    expect(result.current.consentError).toBeNull();
  });

  it('when the network drops, then the retry sends the same Idempotency-Key; reset starts the next person', async () => {
    let online = false;
    setRequestHandler((_options: MockRequestOptions) => {
      if (!online) throw { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' };
      return { statusCode: 201, data: { outcome: 'created', worker } };
    });
    const { result } = renderHook(() => useEnrolForm());
    act(() => result.current.update(filled));
    act(() => result.current.setConsent(true));
    await act(async () => result.current.send());
    expect(result.current.submit).toEqual({ kind: 'offline' });
    expect(enrolDraft.load()?.values.name).toBe('巴特尔');

    online = true;
    await act(async () => result.current.send());
    expect(result.current.result?.worker.id).toBe('w1');
    expect(result.current.submit).toEqual({ kind: 'idle' });
    const keys = new Set(enrolments().map((r) => r.header?.['Idempotency-Key']));
    expect(keys.size).toBe(1);
    expect(enrolDraft.load()).toBeNull();

    act(() => result.current.reset());
    expect(result.current.result).toBeNull();
    expect(result.current.consent).toBe(false);
    expect(result.current.values.name).toBe('');
  });

  it('when the server answers field errors, then registration paths show on their fields and the consent on its own', async () => {
    setRequestHandler(() => ({
      statusCode: 400,
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '填写的信息有误',
          fields: { 'registration.householdRegionCode': '没有找到这个村，请重新选择', 'consent.given': '需要本人同意' },
        },
      },
    }));
    const { result } = renderHook(() => useEnrolForm());
    act(() => result.current.update(filled));
    act(() => result.current.setConsent(true));
    await act(async () => result.current.send());
    expect(result.current.errors).toEqual({ household: '没有找到这个村，请重新选择' });
    expect(result.current.consentError).toBe('需要本人同意');
    expect(result.current.step).toBe(1);
  });
});
