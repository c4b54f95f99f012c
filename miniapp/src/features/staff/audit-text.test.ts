import { auditDetailText, auditTargetText } from './audit-text';

describe('audit log text', () => {
  it('when entries carry internal keys (target types, field names, statuses), then the log shows plain Chinese', () => {
    const shown = [
      auditTargetText('job'),
      auditTargetText('subsidy_entitlement'),
      auditDetailText('masked record'),
      auditDetailText('idNumber,phone'),
      auditDetailText('employment unemployed → employed'),
      auditDetailText('applied→hired'),
      auditDetailText('pushed to 3'),
      auditDetailText('closed'),
    ];
    expect(shown).toEqual(['岗位', '补贴', '打码查看', '身份证号、手机号', '就业状态 未就业 → 已就业', '已报名→已录用', '推送给 3', '已关闭']);
    expect(shown.filter((s) => /[a-z]{3,}/i.test(s))).toEqual([]);
  });
});
