/**
 * Default subsidy rules of the five seed regions, from the policy documents in shared/seeds.
 * Only Tongliao states amounts; the others name the subsidy without an amount, so their rules
 * are stored inactive with amount 0 until the local 人社局 sets the amount and switches them on.
 */
import type { SubsidyRuleFields } from '@zhuanyi/shared';

const POOR = ['lifted_from_poverty', 'at_risk_of_poverty'] as const;
const once = (stage: 'arrived' | 'departed') => [{ shareBp: 10_000, stage, delayMonths: 0 }];
const noLimits = { oncePerPerson: false, oncePerPersonPerYear: false, oncePerPersonPerEmployer: false };

export const DEFAULT_SUBSIDY_RULES: ReadonlyArray<SubsidyRuleFields & { key: string }> = [
  {
    key: 'tongliao-broker-service',
    regionCode: '1505',
    name: '劳务经纪人就业创业服务补贴',
    beneficiary: 'broker',
    validFrom: '2020-01-01',
    validTo: null,
    tiers: [
      { keyGroups: [...POOR], amountFen: 30_000, installments: once('arrived') },
      { keyGroups: [], amountFen: 20_000, installments: once('arrived') },
    ],
    limits: { ...noLimits, oncePerPersonPerYear: true },
    exclusions: { laborDispatch: false },
    requires: { organizedTransport: false, outsideHomeCounty: false },
    active: true,
    source: '通辽市农牧民转移就业三年行动计划 第7条：每人200元，组织贫困劳动力每人300元',
  },
  {
    key: 'tongliao-job-seeking-poor',
    regionCode: '1505',
    name: '贫困劳动力有组织外出一次性求职创业补贴',
    beneficiary: 'worker',
    validFrom: '2020-01-01',
    validTo: null,
    tiers: [{ keyGroups: [...POOR], amountFen: 200_000, installments: once('arrived') }],
    limits: { ...noLimits, oncePerPerson: true },
    exclusions: { laborDispatch: false },
    requires: { organizedTransport: true, outsideHomeCounty: false },
    active: true,
    source: '通辽市农牧民转移就业三年行动计划 第7条：贫困劳动力有组织外出就业，一次性2000元',
  },
  {
    key: 'turpan-broker-service',
    regionCode: '6504',
    name: '有序转移输出就业创业服务补贴（金额待定）',
    beneficiary: 'broker',
    validFrom: '2021-01-01',
    validTo: '2025-12-31',
    tiers: [{ keyGroups: [], amountFen: 0, installments: once('arrived') }],
    limits: { ...noLimits, oncePerPersonPerYear: true },
    exclusions: { laborDispatch: false },
    requires: { organizedTransport: false, outsideHomeCounty: false },
    active: false,
    source: '吐鲁番市巩固拓展就业帮扶成果方案（四）：对劳务经纪人按规定给予就业创业服务补贴（文件未定金额）',
  },
  {
    key: 'mile-broker-service',
    regionCode: '532504',
    name: '劳务经纪人“点对点”输转服务补贴（金额待定）',
    beneficiary: 'broker',
    validFrom: '2020-01-01',
    validTo: null,
    tiers: [{ keyGroups: [], amountFen: 0, installments: once('departed') }],
    limits: { ...noLimits, oncePerPersonPerYear: true },
    exclusions: { laborDispatch: false },
    requires: { organizedTransport: true, outsideHomeCounty: false },
    active: false,
    source: '弥勒市2020年农村劳动力转移就业工作方案（三）：组织劳务经纪人参与“点对点”输转（文件未定金额）',
  },
  {
    key: 'luolong-broker-service',
    regionCode: '540329',
    name: '务工联队组织化输出服务补贴（金额待定）',
    beneficiary: 'broker',
    validFrom: '2022-01-01',
    validTo: null,
    tiers: [{ keyGroups: [], amountFen: 0, installments: once('arrived') }],
    limits: { ...noLimits, oncePerPersonPerYear: true },
    exclusions: { laborDispatch: false },
    requires: { organizedTransport: false, outsideHomeCounty: false },
    active: false,
    source: '洛隆县2022年转移就业实施方案 第12条：“政府+劳务市场主体+务工联队”组织化输出（文件未定金额）',
  },
  {
    key: 'hinggan-job-seeking-poor',
    regionCode: '1522',
    name: '贫困劳动力有组织输出到户籍旗县以外一次性求职创业补贴（金额待定）',
    beneficiary: 'worker',
    validFrom: '2018-01-01',
    validTo: '2020-12-31',
    tiers: [{ keyGroups: [...POOR], amountFen: 0, installments: once('arrived') }],
    limits: { ...noLimits, oncePerPerson: true },
    exclusions: { laborDispatch: false },
    requires: { organizedTransport: true, outsideHomeCounty: true },
    active: false,
    source: '兴安盟人社扶贫实施方案（七）2：有组织劳务输出到户籍所在旗县以外就业的，给予一次性求职创业补贴（文件未定金额）',
  },
];
