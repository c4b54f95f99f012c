import { StaffAccountPatchSchema } from '@zhuanyi/shared';
import { beijingDateTime, beijingDay, checkWith, fenOf, intOf } from './console-forms';

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
});
