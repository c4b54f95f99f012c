import type { Complaint } from '@zhuanyi/shared';
import { availableActions, beijingToIso, buildAction, emptyActionValues } from './action-forms';

const base = { clocks: [], intake: undefined } as unknown as Complaint;
const withStatus = (status: Complaint['status'], extra: Partial<Complaint> = {}): Complaint => ({ ...base, status, ...extra });

describe('intake action forms', () => {
  it('when a case is new, accepting, refusing and referring are offered; a closed case offers nothing', () => {
    expect(availableActions(withStatus('submitted'))).toEqual(['accept', 'reject', 'refer']);
    expect(availableActions(withStatus('arbitrating'))).toEqual(['hearing', 'advance_execution', 'award', 'close', 'extend']);
    expect(availableActions(withStatus('closed'))).toEqual([]);
  });

  it('when required fields are empty, each is named; when filled, the body matches the API', () => {
    expect(buildAction('reject', emptyActionValues()).errors).toEqual({ reason: 'staff.form.reasonRequired' });
    expect(buildAction('close', emptyActionValues()).errors).toEqual({ outcome: 'staff.form.outcomeRequired', amountRecovered: 'staff.form.amountRecoveredRequired' });
    expect(buildAction('mediation_result', { ...emptyActionValues(), record: 'ok', succeeded: true }).errors).toEqual({ agreement: 'staff.form.agreementRequired' });
    const close = buildAction('close', { ...emptyActionValues(), outcome: 'paid', amountRecovered: '8000' });
    expect(close.action).toEqual({ action: 'close', outcome: 'paid', amountRecoveredYuan: '8000', note: undefined });
  });

  it('when a hearing time is typed in Beijing time, it becomes an instant; nonsense is refused', () => {
    expect(beijingToIso('2026-06-20 09:30')).toBe('2026-06-20T01:30:00.000Z');
    expect(beijingToIso('2026-02-30 09:30')).toBeNull();
    expect(beijingToIso('tomorrow')).toBeNull();
  });
});
