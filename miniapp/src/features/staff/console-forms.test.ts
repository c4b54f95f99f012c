import { StaffAccountPatchSchema } from '@zhuanyi/shared';
import { beijingDateTime, beijingDay, beijingRange, checkAccountCreate, checkWith, fenOf, intOf } from './console-forms';

describe('staff console form helpers', () => {
  it('when a Beijing date is given, then the day starts 8 hours earlier in UTC and ends a millisecond before the next', () => {
    expect(beijingDay('2026-06-01')).toBe('2026-05-31T16:00:00.000Z');
    expect(beijingDay('2026-06-01', true)).toBe('2026-06-01T15:59:59.999Z');
    expect(beijingDay('2026-02-30')).toBeNull();
    expect(beijingDay('6/1')).toBeNull();
  });

  it('when an instant is shown, then it is Beijing time', () => {
    expect(beijingDateTime('2026-05-31T16:05:00Z')).toBe('2026-06-01 00:05');
  });

  it('when a form is checked with the shared schema, then each bad field has its Chinese text', () => {
    const r = checkWith(StaffAccountPatchSchema, { password: 'short', reason: '' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['password', 'reason']);
    expect(r.errors.password).toMatch(/[\u4e00-\u9fff]/);
  });

  it('when amounts and counts are typed, then they parse exactly or not at all', () => {
    expect(fenOf('12.5')).toBe(1250);
    expect(fenOf('12.345')).toBeNull();
    expect(intOf('30')).toBe(30);
    expect(intOf('3.5')).toBeNaN();
  });

  it('when audit days are picked, then the search runs from the first day’s start to the last day’s end in Beijing; an open end stays open', () => {
    expect(beijingRange('2026-06-01', '2026-06-01')).toEqual({ ok: true, from: '2026-05-31T16:00:00.000Z', to: '2026-06-01T15:59:59.999Z' });
    expect(beijingRange('', '2026-06-02')).toEqual({ ok: true, to: '2026-06-02T15:59:59.999Z' });
    expect(beijingRange('', '')).toEqual({ ok: true });
  });

  it('when the picked end day is before the start day, then the end field says so and nothing is searched', () => {
    expect(beijingRange('2026-06-02', '2026-06-01')).toEqual({ ok: false, errors: { to: '结束日期不能早于开始日期' } });
  });

  const account = { username: 'wulan', displayName: '乌兰', role: 'staff' as const, regionScope: '', password: 'Ulan-2026-pass', phone: '' };

  it('when a county is picked for a new staff account, then its code is the scope and an empty phone is left out', () => {
    const r = checkAccountCreate({ ...account, regionScope: '150521' });
    expect(r).toEqual({ ok: true, body: { ...account, regionScope: '150521', phone: undefined } });
  });

  it('when no region is picked for staff, then the region field asks for a county or township before anything is sent', () => {
    const r = checkAccountCreate(account);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({ regionScope: '工作人员账号必须指定负责的县或乡镇' });
  });

  it('when the new account is an admin, then it has no region even if one was picked before the role changed', () => {
    const r = checkAccountCreate({ ...account, role: 'admin', regionScope: '150521' });
    expect(r.ok && r.body.regionScope).toBeNull();
  });
});
