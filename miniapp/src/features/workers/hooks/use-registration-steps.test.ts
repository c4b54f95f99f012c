import { act, renderHook } from '@testing-library/react';
import { buildRegion, FILLED_IDENTITY, filledRegistration } from '../../../../test/factories';
import { createDraftStore } from '@/services/draft-store';
import { ApiError, NetworkError } from '@/services/errors';
import type { RegistrationValues } from '../registration-form';
import { useRegistrationSteps } from './use-registration-steps';

const draft = createDraftStore<RegistrationValues>('draft.stepsTest', (v): v is RegistrationValues => typeof v === 'object' && v !== null);
const village = [buildRegion('15', '内蒙古自治区', 'province', null), buildRegion('150521100201', '保南村', 'village', '15')];
const identity = FILLED_IDENTITY;
const complete = filledRegistration(village);

describe('registration steps hook', () => {
  it('when a step has errors, then next stays there and each change clears only its own error', () => {
    const { result } = renderHook(() => useRegistrationSteps(draft));
    let moved = true;
    act(() => {
      moved = result.current.next();
    });
    expect(moved).toBe(false);
    expect(result.current.step).toBe(0);
    expect(result.current.errors.name).toBeDefined();
    expect(result.current.errors.phone).toBeDefined();

    act(() => result.current.update({ name: '巴特尔' }));
    expect(result.current.errors.name).toBeUndefined();
    expect(result.current.errors.phone).toBeDefined();

    act(() => result.current.update(identity));
    act(() => {
      moved = result.current.next();
    });
    expect(moved).toBe(true);
    expect(result.current.step).toBe(1);
    act(() => result.current.prev());
    expect(result.current.step).toBe(0);
  });

  it('when a field under a derived key changes, then that key\'s error goes, and the form-wide one with it', () => {
    const { result } = renderHook(() => useRegistrationSteps(draft));
    act(() => result.current.setStep(1));
    act(() => {
      result.current.next();
    });
    expect(result.current.errors.household).toBeDefined();
    act(() => result.current.update({ householdPath: village }));
    expect(result.current.errors.household).toBeUndefined();
  });

  it('when values change, then the draft keeps them; reset empties the form and drops the draft', () => {
    const { result } = renderHook(() => useRegistrationSteps(draft, { ...identity } as RegistrationValues));
    expect(result.current.values.name).toBe('巴特尔');
    expect(result.current.restored).toBe(false);
    act(() => result.current.update({ phone: '13900009999' }));
    expect(draft.load()?.values.phone).toBe('13900009999');
    act(() => result.current.reset());
    expect(result.current.values.name).toBe('');
    expect(result.current.step).toBe(0);
    expect(draft.load()).toBeNull();
  });

  it('when the form is incomplete, then sendWith runs nothing and moves to the first wrong step', async () => {
    const run = jest.fn(async () => undefined);
    const { result } = renderHook(() => useRegistrationSteps(draft));
    act(() => result.current.update(identity));
    act(() => result.current.setStep(3));
    await act(async () => result.current.sendWith(run));
    expect(run).not.toHaveBeenCalled();
    expect(result.current.step).toBe(1);
    expect(result.current.errors.household).toBeDefined();
  });

  it('when the network drops, then submit is offline; other failures show under their fields or for the whole form', async () => {
    const { result } = renderHook(() => useRegistrationSteps(draft));
    act(() => result.current.update(complete));
    act(() => result.current.setStep(4));

    await act(async () => result.current.sendWith(() => Promise.reject(new NetworkError('offline', 'no network'))));
    expect(result.current.submit).toEqual({ kind: 'offline' });
    expect(result.current.step).toBe(4);

    await act(async () => result.current.sendWith(() => Promise.reject(new ApiError('CONFLICT', '这个人已经登记过了', 409))));
    expect(result.current.submit).toEqual({ kind: 'idle' });
    expect(result.current.errors).toEqual({ form: '这个人已经登记过了' });
    expect(result.current.step).toBe(4);

    const fieldErrors = (e: ApiError) => ({ household: e.fields.where ?? '' });
    await act(async () => result.current.sendWith(() => Promise.reject(new ApiError('VALIDATION_FAILED', '填写的信息有误', 400, { where: '没有找到这个村' })), { fieldErrors }));
    expect(result.current.errors).toEqual({ household: '没有找到这个村' });
    expect(result.current.step).toBe(1);
  });

  it('when allowed says no, then nothing is sent', async () => {
    const run = jest.fn(async () => undefined);
    const { result } = renderHook(() => useRegistrationSteps(draft));
    act(() => result.current.update(complete));
    await act(async () => result.current.sendWith(run, { allowed: () => false }));
    expect(run).not.toHaveBeenCalled();
    expect(result.current.submit).toEqual({ kind: 'idle' });
    await act(async () => result.current.sendWith(run));
    expect(run).toHaveBeenCalledTimes(1);
  });
});
