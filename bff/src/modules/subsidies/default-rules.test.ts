import { SubsidyRuleInputSchema } from '@zhuanyi/shared';
import { DEFAULT_SUBSIDY_RULES } from './default-rules';
import { grantKindOf } from './grants.service';

describe('default subsidy rules of the seed regions', () => {
  it('when each default rule is checked against the rule schema, then it passes as staff could save it', () => {
    for (const { key, ...fields } of DEFAULT_SUBSIDY_RULES) {
      const parsed = SubsidyRuleInputSchema.safeParse(fields);
      expect({ key, issues: parsed.error?.issues ?? [] }).toEqual({ key, issues: [] });
    }
  });

  it('when a seed names a transport grant or a training allowance without an amount, then the rule is stored off, at 0, citing the seed, and shows as that kind', () => {
    const pick = (key: string) => DEFAULT_SUBSIDY_RULES.find((r) => r.key === key);
    const expected = [
      ['turpan-transport', '6504', 'transport', '吐鲁番'],
      ['mile-transport', '532504', 'transport', '弥勒'],
      ['tongliao-training-allowance', '1505', 'training_allowance', '通辽'],
      ['hinggan-training-allowance', '1522', 'training_allowance', '兴安盟'],
    ] as const;
    for (const [key, regionCode, kind, city] of expected) {
      const rule = pick(key);
      expect(rule).toMatchObject({ regionCode, kind, beneficiary: 'worker', active: false });
      expect(rule?.source).toContain(city);
      expect(rule?.source).toContain('文件未定金额');
      expect(grantKindOf(key, rule?.kind)).toBe(kind);
      const amounts = rule?.kind === 'transport' ? rule.bands.flatMap((b) => Object.values(b.amountFen)) : rule?.kind === 'training_allowance' ? [rule.allowance.amountFen] : [1];
      expect(amounts.every((a) => a === 0)).toBe(true);
    }
    expect(pick('hinggan-training-allowance')).toMatchObject({ allowance: { minClassHours: 56 } });
  });
});
