import { ComplaintCreateSchema, EVIDENCE_MAX_BYTES } from '@zhuanyi/shared';
import { checkEvidence } from './evidence';
import {
  EMPTY_COMPLAINT,
  amountFen,
  complaintFieldForPath,
  firstComplaintStepWithError,
  mapComplaintErrors,
  toComplaintInput,
  validateComplaint,
  type ComplaintValues,
} from './complaint-form';

const foremanOnly: ComplaintValues = { ...EMPTY_COMPLAINT, caseType: 'construction', respondentKind: 'foreman', respondentName: '王老板', demands: ['pay_wages'] };

describe('complaint form', () => {
  it.each([
    ['12000', 1200000],
    ['12,000.5', 1200050],
    ['0.07', 7],
    ['8888.88元', 888888],
    ['1，234.10', 123410],
  ])('when %s yuan is typed, then %i fen is what the server records', (typed, fen) => {
    expect(amountFen({ amountYuan: typed })).toBe(fen);
    const body = ComplaintCreateSchema.parse(toComplaintInput({ ...foremanOnly, amountYuan: typed }));
    expect(body.amountOwedYuan).toBe(fen);
  });

  it('when the amount is not money, then the error sits on the amount; empty is allowed (容缺)', () => {
    expect(amountFen({ amountYuan: '' })).toBeNull();
    expect(amountFen({ amountYuan: '一万' })).toBeUndefined();
    expect(amountFen({ amountYuan: '12.345' })).toBeUndefined();
    const bad = validateComplaint({ ...foremanOnly, amountYuan: '一万' });
    expect(bad).toEqual({ ok: false, errors: { amount: '请填写金额（元），最多两位小数' } });
    expect(validateComplaint(foremanOnly).ok).toBe(true);
  });

  it('when only the foreman is known, then the case files with nothing else', () => {
    const result = validateComplaint(foremanOnly);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.input).toMatchObject({ caseType: 'construction', respondent: { kind: 'foreman', name: '王老板' }, coWorkersOwed: 0 });
  });

  it('when the form opens, then no demand is ticked for the worker ("要回工资" is their own choice), and none ticked is an error on the demands step', () => {
    expect(EMPTY_COMPLAINT.demands).toEqual([]);
    const result = validateComplaint({ ...foremanOnly, demands: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ demands: '请至少选一项你想要的，比如“要回工资”' });
    expect(firstComplaintStepWithError(result.errors)).toBe(3);
  });

  it('when who owes is not given, then the first step shows what to fill', () => {
    const result = validateComplaint(EMPTY_COMPLAINT);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.respondentName).toBe('此项必须填写');
    expect(result.errors.caseType).toBeDefined();
    expect(firstComplaintStepWithError(result.errors)).toBe(0);
  });

  it('when the server answers field paths, then they map to the form fields and steps', () => {
    expect(complaintFieldForPath('respondent.phone')).toBe('respondentPhone');
    expect(complaintFieldForPath('bankCard.cardNumber')).toBe('bankCard');
    expect(complaintFieldForPath('workPeriod.to')).toBe('workTo');
    expect(complaintFieldForPath('demands.2')).toBe('demands');
    expect(complaintFieldForPath('nope')).toBe('form');
    const errors = mapComplaintErrors({ 'bankCard.cardNumber': '银行卡号应为12到19位数字', 'workPeriod.to': '结束日期不能早于开始日期' });
    expect(errors).toEqual({ bankCard: '银行卡号应为12到19位数字', workTo: '结束日期不能早于开始日期' });
    expect(firstComplaintStepWithError(errors)).toBe(1);
    const clientSide = validateComplaint({ ...foremanOnly, workFrom: '2026-05-01', workTo: '2026-04-01', bankCard: '1234' });
    expect(clientSide).toEqual({ ok: false, errors: { workTo: '结束日期不能早于开始日期', bankCard: '银行卡号应为12到19位数字' } });
  });

  it('when evidence is picked, then at most 9 photos or PDFs of 10 MB each are kept', () => {
    const file = (name: string, size = 1000, type = 'image/jpeg') => ({ path: `blob:${name}`, name, size, type });
    const eight = Array.from({ length: 8 }, (_, i) => file(`p${i}.jpg`));
    const checked = checkEvidence(eight, [file('ok.pdf', 10, 'application/pdf'), file('big.jpg', EVIDENCE_MAX_BYTES + 1), file('virus.exe', 10, ''), file('tenth.png')]);
    expect(checked.accepted.map((f) => f.name)).toEqual(['ok.pdf']);
    expect(checked.problems).toEqual(['“big.jpg”超过 10 MB，没有加上', '“virus.exe”不是照片或PDF，没有加上', '最多只能传 9 个文件']);
  });
});
