import {
  acceptanceDueAt,
  awardDueAt,
  complaintClocks,
  endOfShanghaiDayAfter,
  isValidAwardExtension,
} from './complaint-clocks';

const at = (iso: string) => new Date(iso);

describe('complaint clocks', () => {
  it('when received at 10:00 Shanghai on 1 June, then acceptance is due by the end of 6 June Shanghai', () => {
    expect(acceptanceDueAt(at('2026-06-01T02:00:00Z')).toISOString()).toBe('2026-06-06T15:59:59.999Z');
  });

  it('when received at 23:30 Shanghai (15:30 UTC), then the Shanghai day counts, not the UTC day', () => {
    expect(acceptanceDueAt(at('2026-06-01T15:30:00Z')).toISOString()).toBe('2026-06-06T15:59:59.999Z');
    expect(acceptanceDueAt(at('2026-06-01T16:30:00Z')).toISOString()).toBe('2026-06-07T15:59:59.999Z');
  });

  it('when accepted on 3 June, then the award is due 45 days later, and at most 15 more with an extension', () => {
    expect(awardDueAt(at('2026-06-03T01:00:00Z')).toISOString()).toBe('2026-07-18T15:59:59.999Z');
    expect(awardDueAt(at('2026-06-03T01:00:00Z'), 15).toISOString()).toBe('2026-08-02T15:59:59.999Z');
    expect(() => awardDueAt(at('2026-06-03T01:00:00Z'), 16)).toThrow(RangeError);
  });

  it('when an extension is 0, 16 or fractional, then it is not valid', () => {
    expect(isValidAwardExtension(1)).toBe(true);
    expect(isValidAwardExtension(15)).toBe(true);
    expect(isValidAwardExtension(0)).toBe(false);
    expect(isValidAwardExtension(16)).toBe(false);
    expect(isValidAwardExtension(2.5)).toBe(false);
  });

  it('when a case is only received, then one acceptance clock runs with days left on a fixed clock', () => {
    const clocks = complaintClocks({ receivedAt: at('2026-06-01T02:00:00Z') }, at('2026-06-04T09:00:00Z'));
    expect(clocks).toHaveLength(1);
    expect(clocks[0]).toMatchObject({ kind: 'acceptance', state: 'running', daysLeft: 2, stoppedAt: null });
  });

  it('when the acceptance day has passed without a decision, then the clock is overdue with negative days', () => {
    const [c] = complaintClocks({ receivedAt: at('2026-06-01T02:00:00Z') }, at('2026-06-08T02:00:00Z'));
    expect(c).toMatchObject({ state: 'overdue', daysLeft: -2 });
  });

  it('when accepted in time, then acceptance is met and the award clock runs from acceptance', () => {
    const clocks = complaintClocks(
      { receivedAt: at('2026-06-01T02:00:00Z'), decidedAt: at('2026-06-03T01:00:00Z'), acceptedAt: at('2026-06-03T01:00:00Z') },
      at('2026-06-10T02:00:00Z'),
    );
    expect(clocks.map((c) => [c.kind, c.state])).toEqual([
      ['acceptance', 'met'],
      ['award', 'running'],
    ]);
    expect(clocks[1]?.daysLeft).toBe(38);
  });

  it('when closed after the extended due date, then the award clock is late', () => {
    const clocks = complaintClocks(
      {
        receivedAt: at('2026-06-01T02:00:00Z'),
        decidedAt: at('2026-06-09T02:00:00Z'),
        acceptedAt: at('2026-06-09T02:00:00Z'),
        awardExtensionDays: 10,
        closedAt: at('2026-08-10T02:00:00Z'),
      },
      at('2026-08-11T02:00:00Z'),
    );
    expect(clocks.map((c) => c.state)).toEqual(['late', 'late']);
    expect(clocks[1]?.dueAt.toISOString()).toBe(endOfShanghaiDayAfter(at('2026-06-09T02:00:00Z'), 55).toISOString());
  });
});
