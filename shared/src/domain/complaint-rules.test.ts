import { canMoveComplaint, isGroupCase, isOlderWorker, missingComplaintItems } from './complaint-rules';

describe('complaint rules', () => {
  it('when a case is submitted, then it can be accepted or not accepted but not closed', () => {
    expect(canMoveComplaint('submitted', 'accepted')).toBe(true);
    expect(canMoveComplaint('submitted', 'rejected')).toBe(true);
    expect(canMoveComplaint('submitted', 'closed')).toBe(false);
    expect(canMoveComplaint('mediating', 'arbitrating')).toBe(true);
    expect(canMoveComplaint('closed', 'mediating')).toBe(false);
    expect(canMoveComplaint('rejected', 'accepted')).toBe(false);
  });

  it('when 10 or more co-workers are owed, then it is a group case', () => {
    expect(isGroupCase(9)).toBe(false);
    expect(isGroupCase(10)).toBe(true);
    expect(isGroupCase(undefined)).toBe(false);
  });

  it('when the worker is 60, then the older-worker warning applies', () => {
    expect(isOlderWorker(59)).toBe(false);
    expect(isOlderWorker(60)).toBe(true);
    expect(isOlderWorker(null)).toBe(false);
  });

  it('when a construction worker only knows the foreman, then every other item is listed as missing in form order', () => {
    expect(missingComplaintItems({ caseType: 'construction', hasBankCard: false, evidenceCount: 0 })).toEqual([
      'respondentPhone',
      'projectName',
      'projectSite',
      'mainContractor',
      'workPeriod',
      'amountOwed',
      'bankCard',
      'evidence',
    ]);
  });

  it('when a non-construction case is complete, then nothing is missing and no contractor is asked for', () => {
    expect(
      missingComplaintItems({
        caseType: 'non_construction',
        respondentPhone: '13800005678',
        projectRegionCode: '310115',
        projectAddress: '浦东新区某路1号',
        workFrom: '2026-01-01',
        workTo: '2026-05-31',
        amountOwedFen: 1_200_000,
        hasBankCard: true,
        evidenceCount: 2,
      }),
    ).toEqual([]);
  });
});
