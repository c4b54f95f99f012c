import {
  addMonthsToDate,
  chinaDateStart,
  earnedInstallments,
  entitlementKeys,
  ruleRefusal,
  splitAmount,
  tierFor,
  trainingAllowance,
  transportBandFor,
  transportGrant,
  type PlacementFacts,
  type SubsidyRuleData,
  type TrainingAllowanceRuleData,
  type TransportRuleData,
} from './subsidy-rules';

const rule: SubsidyRuleData = {
  key: 'district-200-500',
  regionCode: '150521',
  beneficiary: 'broker',
  validFrom: '2026-01-01',
  validTo: null,
  tiers: [
    { keyGroups: ['lifted_from_poverty'], amountFen: 50_000, installments: [{ shareBp: 5000, stage: 'insured', delayMonths: 1 }, { shareBp: 5000, stage: 'insured', delayMonths: 3 }] },
    { keyGroups: [], amountFen: 20_000, installments: [{ shareBp: 5000, stage: 'insured', delayMonths: 1 }, { shareBp: 5000, stage: 'insured', delayMonths: 6 }] },
  ],
  limits: { oncePerPerson: false, oncePerPersonPerYear: true, oncePerPersonPerEmployer: true },
  exclusions: { laborDispatch: true },
  requires: { organizedTransport: false, outsideHomeCounty: false },
  active: true,
};
const facts = (over: Partial<PlacementFacts> = {}): PlacementFacts => ({
  keyGroups: [],
  householdCountyCode: '150521',
  workRegionCode: '310115',
  laborDispatch: false,
  organizedTransport: false,
  stages: { insured: '2026-06-10' },
  ...over,
});

describe('subsidy rules', () => {
  it('when months are added, then the day is clamped to the month end and years roll over', () => {
    expect([addMonthsToDate('2026-01-31', 1), addMonthsToDate('2024-01-31', 1), addMonthsToDate('2026-11-15', 3), addMonthsToDate('2026-03-10', -3)]).toEqual([
      '2026-02-28',
      '2024-02-29',
      '2027-02-15',
      '2025-12-10',
    ]);
    expect(chinaDateStart('2026-07-10').toISOString()).toBe('2026-07-09T16:00:00.000Z');
  });

  it('when an amount is split, then the parts are integer fen and add up exactly', () => {
    expect(splitAmount(10_001, [3333, 3333, 3334])).toEqual([3333, 3333, 3335]);
    expect(splitAmount(20_000, [5000, 5000])).toEqual([10_000, 10_000]);
  });

  it('when tiers are matched, then the first tier whose key groups the person has wins, else the one for everyone', () => {
    expect(tierFor(rule.tiers, ['lifted_from_poverty'])?.amountFen).toBe(50_000);
    expect(tierFor(rule.tiers, ['veteran'])?.amountFen).toBe(20_000);
  });

  it('when a placement is labor dispatch, not organized or inside the home county where required, then the rule says why it pays nothing', () => {
    expect(ruleRefusal(rule, facts({ laborDispatch: true }))).toBe('laborDispatch');
    expect(ruleRefusal({ ...rule, requires: { organizedTransport: true, outsideHomeCounty: false } }, facts())).toBe('notOrganized');
    expect(ruleRefusal({ ...rule, requires: { organizedTransport: false, outsideHomeCounty: true } }, facts({ workRegionCode: '150521100' }))).toBe('notOutsideHomeCounty');
    expect(ruleRefusal({ ...rule, active: false }, facts())).toBe('inactive');
    expect(ruleRefusal(rule, facts())).toBeNull();
  });

  it('when the person left before an installment fell due, then only the earlier installment is earned', () => {
    expect(earnedInstallments(rule, facts({ keyGroups: ['lifted_from_poverty'] })).map((e) => [e.installment, e.amountFen, e.dueOn])).toEqual([
      [1, 25_000, '2026-07-10'],
      [2, 25_000, '2026-09-10'],
    ]);
    expect(earnedInstallments(rule, facts({ stages: { insured: '2026-06-10', left: '2026-08-01' } })).map((e) => e.dueOn)).toEqual(['2026-07-10']);
    expect(earnedInstallments(rule, facts({ stages: { insured: '2025-12-31' } }))).toEqual([]);
  });

  it('when limits are on, then the ledger keys name the person, the installment, the year and the employer', () => {
    const keys = entitlementKeys(rule, { installment: 2, year: 2026 }, { personId: 'p', employerId: 'e', placementId: 't' });
    expect(keys).toEqual({
      placementKey: 'district-200-500|p|2|placement:t',
      lifetimeKey: null,
      yearKey: 'district-200-500|p|2|year:2026',
      employerKey: 'district-200-500|p|2|employer:e',
    });
  });
});

describe('transport and training-allowance rules', () => {
  const transport: TransportRuleData = {
    key: 'turpan-transport',
    active: true,
    validFrom: '2021-01-01',
    validTo: '2025-12-31',
    keyGroups: ['relocated', 'lifted_from_poverty'],
    bands: [
      { fromKm: 0, toKm: 500, amountFen: { bus: 10_000 } },
      { fromKm: 500, toKm: 2000, amountFen: { train: 40_000, plane: 60_000 } },
      { fromKm: 2000, toKm: null, amountFen: { train: 80_000 } },
    ],
    requires: { organizedTransport: true },
  };
  const trip = (over: Partial<Parameters<typeof transportGrant>[1]> = {}) => ({
    keyGroups: ['relocated'] as const,
    organizedTransport: true,
    stages: { arrived: '2025-06-03' },
    travel: { distanceKm: 1200, mode: 'train' as const },
    ...over,
  });

  it('when a distance is looked up, then the band that holds it answers, its lower end included and its upper end not', () => {
    expect(transportBandFor(transport.bands, 0)?.fromKm).toBe(0);
    expect(transportBandFor(transport.bands, 499)?.fromKm).toBe(0);
    expect(transportBandFor(transport.bands, 500)?.fromKm).toBe(500);
    expect(transportBandFor(transport.bands, 9000)?.fromKm).toBe(2000);
    expect(transportBandFor([{ fromKm: 100, toKm: 200, amountFen: {} }], 50)).toBeNull();
  });

  it('when a key-group worker arrives by a mode the band pays for, then the band amount; otherwise nothing', () => {
    expect(transportGrant(transport, trip())?.amountFen).toBe(40_000);
    expect(transportGrant(transport, trip({ travel: { distanceKm: 2600, mode: 'train' } }))?.amountFen).toBe(80_000);
    expect(transportGrant(transport, trip({ travel: { distanceKm: 2600, mode: 'plane' } }))).toBeNull();
    expect(transportGrant(transport, trip({ keyGroups: [] }))).toBeNull();
    expect(transportGrant(transport, trip({ organizedTransport: false }))).toBeNull();
    expect(transportGrant(transport, trip({ travel: null }))).toBeNull();
    expect(transportGrant(transport, trip({ stages: { arrived: '2026-01-02' } }))).toBeNull();
    expect(transportGrant({ ...transport, active: false }, trip())).toBeNull();
  });

  const allowance: TrainingAllowanceRuleData = {
    key: 'hinggan-training-allowance',
    active: true,
    validFrom: '2018-01-01',
    validTo: '2020-12-31',
    keyGroups: ['lifted_from_poverty', 'at_risk_of_poverty'],
    allowance: { per: 'day', amountFen: 3_000, minClassHours: 56, maxDays: null },
  };
  const course = { classHours: 56, startsOn: '2020-05-11', endsOn: '2020-05-20', completedOn: '2020-05-21' };

  it('when a key-group worker completes a course long enough, then the allowance per day of the course or per course; a short course, no key group or a completion outside the validity pays nothing', () => {
    expect(trainingAllowance(allowance, ['at_risk_of_poverty'], course)).toEqual({ amountFen: 30_000, days: 10 });
    expect(trainingAllowance({ ...allowance, allowance: { ...allowance.allowance, maxDays: 7 } }, ['at_risk_of_poverty'], course)).toEqual({ amountFen: 21_000, days: 7 });
    expect(trainingAllowance({ ...allowance, allowance: { ...allowance.allowance, per: 'course', amountFen: 50_000 } }, ['lifted_from_poverty'], course)).toEqual({ amountFen: 50_000, days: null });
    expect(trainingAllowance(allowance, ['at_risk_of_poverty'], { ...course, classHours: 40 })).toBeNull();
    expect(trainingAllowance(allowance, [], course)).toBeNull();
    expect(trainingAllowance(allowance, ['at_risk_of_poverty'], { ...course, completedOn: '2021-01-04' })).toBeNull();
    expect(trainingAllowance({ ...allowance, allowance: { ...allowance.allowance, amountFen: 0 } }, ['at_risk_of_poverty'], course)).toBeNull();
  });
});
