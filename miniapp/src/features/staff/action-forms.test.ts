import type { Complaint } from '@zhuanyi/shared';
import { availableActions, beijingToIso, buildAction, emptyActionValues } from './action-forms';

const jurisdiction: Complaint['jurisdiction'] = { regionCode: '150521', regionName: '科尔沁左翼中旗', office: '科尔沁左翼中旗 劳动保障监察/仲裁院', officeRef: { kind: 'labor_dispute', regionCode: '150521', regionName: '科尔沁左翼中旗' }, needsJurisdiction: false, transferred: false };
const base = { clocks: [], intake: undefined, jurisdiction } as unknown as Complaint;
const withStatus = (status: Complaint['status'], extra: Partial<Complaint> = {}): Complaint => ({ ...base, status, ...extra });

describe('intake action forms', () => {
  it('when a case is new, accepting, refusing and referring are offered; a closed case offers nothing', () => {
    expect(availableActions(withStatus('submitted'))).toEqual(['accept', 'reject', 'refer', 'transfer']);
    expect(availableActions(withStatus('arbitrating'))).toEqual(['hearing', 'advance_execution', 'award', 'close', 'extend', 'transfer']);
    expect(availableActions(withStatus('closed'))).toEqual([]);
  });

  it('when a case needs its jurisdiction decided, transfer comes first; a transfer needs a county and a reason', () => {
    expect(availableActions(withStatus('submitted', { jurisdiction: { ...jurisdiction, needsJurisdiction: true } }))[0]).toBe('transfer');
    expect(buildAction('transfer', emptyActionValues()).errors).toEqual({ transferTo: 'staff.form.transferToRequired', reason: 'staff.form.reasonRequired' });
    const county = { code: '150522', name: '科尔沁左翼后旗', level: 'county' as const, parentCode: '1505' };
    expect(buildAction('transfer', { ...emptyActionValues(), transferTo: [county], reason: '工地在后旗' }).action).toEqual({ action: 'transfer', toRegionCode: '150522', reason: '工地在后旗' });
  });

  it('when a hand-off is open, its answer can be recorded; a hand-off carries office and due date', () => {
    const referral = { to: 'public_security', at: '2026-06-01T02:00:00.000Z', note: null, office: '公安局', dueAt: null, answer: null, answeredAt: null, overdue: false, acceptDueAt: null, investigateDueAt: null, extended: false };
    const referred = withStatus('accepted', { intake: { referral } as unknown as Complaint['intake'] });
    expect(availableActions(referred)).toContain('handoff_answer');
    expect(buildAction('handoff_answer', emptyActionValues()).errors).toEqual({ answer: 'staff.form.answerRequired' });
    expect(buildAction('refer', { ...emptyActionValues(), referTo: 'public_security', office: '公安局', dueDate: '2026-06-05' }).action).toEqual({
      action: 'refer',
      to: 'public_security',
      note: undefined,
      office: '公安局',
      dueDate: '2026-06-05',
    });
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
