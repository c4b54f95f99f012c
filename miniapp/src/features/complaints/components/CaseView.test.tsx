import { render } from '@testing-library/react';
import type { Complaint } from '@zhuanyi/shared';
import { CaseView } from './CaseView';

const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h)).toISOString();

function complaint(timeline: Complaint['timeline']): Complaint {
  return {
    id: 'c1',
    caseNumber: '150521-20261120-0001',
    status: 'accepted',
    caseType: 'construction',
    respondent: { kind: 'employer', name: '某建筑公司', phoneMasked: null },
    project: { name: null, regionCode: null, regionName: null, address: null },
    mainContractor: null,
    workPeriod: { from: null, to: null },
    amountOwedFen: 1_200_000,
    coWorkersOwed: 0,
    groupCase: false,
    demands: ['pay_wages'],
    demandNote: null,
    bankCard: null,
    evidence: [],
    missingItems: [],
    warnings: [],
    timeline,
    clocks: [],
    rejectionReason: null,
    outcome: null,
    createdAt: at(1),
    updatedAt: at(3),
  };
}

describe('case timeline', () => {
  it('when a status has several entries (accepted, then extended), then "已受理" is shown once with each entry under it', () => {
    const { container } = render(
      <CaseView
        complaint={complaint([
          { status: 'submitted', at: at(1), note: null },
          { status: 'accepted', at: at(2), note: null },
          { status: 'accepted', at: at(3), note: '延长15天' },
        ])}
      />,
    );
    const titles = Array.from(container.querySelectorAll('.case__step-title')).map((e) => e.textContent);
    expect(titles.filter((x) => x === '已受理')).toHaveLength(1);
    expect(container.textContent).toContain('延长15天');
  });
});
