import { render } from '@testing-library/react';
import type { Complaint } from '@zhuanyi/shared';
import { buildComplaint } from '../../../../test/factories';
import { CaseView } from './CaseView';

const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h)).toISOString();

function complaint(timeline: Complaint['timeline']): Complaint {
  return buildComplaint({
    caseNumber: '150521-20261120-0001',
    status: 'accepted',
    respondent: { kind: 'employer', name: '某建筑公司', phoneMasked: null },
    amountOwedFen: 1_200_000,
    timeline,
    createdAt: at(1),
    updatedAt: at(3),
  });
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
