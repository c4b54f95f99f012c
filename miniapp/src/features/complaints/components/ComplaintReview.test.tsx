import { fireEvent, render } from '@testing-library/react';
import { buildRegion } from '../../../../test/factories';
import { EMPTY_COMPLAINT, type ComplaintValues } from '../complaint-form';
import { complaintReview } from '../complaint-review';
import { ComplaintForm } from './ComplaintForm';

const values: ComplaintValues = {
  ...EMPTY_COMPLAINT,
  caseType: 'construction',
  respondentKind: 'foreman',
  respondentName: '赵包工头',
  projectRegionPath: [buildRegion('15', '内蒙古自治区', 'province', null), buildRegion('150521', '科尔沁左翼中旗', 'county', '15')],
  workFrom: '2026-03-01',
  workTo: '2026-05-20',
  amountYuan: '8600.5',
  demands: ['pay_wages'],
  bankCard: '6222021234567890123',
};

const noop = () => undefined;
const evidence = { files: [{ path: 'blob:1', name: 'iou.jpg', size: 1, type: 'image/jpeg' }], problems: [], pick: noop, remove: noop };

describe('review before the first submission', () => {
  it('lists what was entered in plain words, 没填 for what was left out, and the card by its last four digits only', () => {
    const sections = complaintReview(values, ['iou.jpg']);
    const rows = Object.fromEntries(sections.flatMap((s) => s.rows.map((r) => [r.label, r.value])));
    expect(rows['在哪里干的活']).toBe('内蒙古自治区 科尔沁左翼中旗');
    expect(rows['被欠了多少钱（元）']).toBe('8600.50 元');
    expect(rows['干活的时间']).toBe('2026-03-01 到 2026-05-20');
    expect(rows['他的电话（知道的话）']).toBeNull();
    expect(rows['收工资的银行卡号（知道的话）']).toBe('尾号 0123');
    expect(JSON.stringify(sections)).not.toContain('6222021234567890123');
    expect(sections.map((s) => s.step)).toEqual([0, 1, 2, 3, 4]);
  });

  it('when reviewing, then 修改 goes back to that step and 确认提交 sends; the last step opens the review instead of sending', () => {
    const edit = jest.fn();
    const send = jest.fn();
    const review = jest.fn();
    const props = { values, errors: {}, update: noop, step: 4, submit: { kind: 'idle' } as const, next: noop, prev: noop, review, edit, send, evidence };
    const { container, getByText, getAllByText, rerender } = render(<ComplaintForm {...props} reviewing={false} />);
    fireEvent.click(getByText('下一步：核对内容'));
    expect(review).toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();

    rerender(<ComplaintForm {...props} reviewing />);
    expect(container.textContent).toContain('核对一下再提交');
    expect(container.textContent).toContain('赵包工头');
    expect(container.textContent).toContain('没填');
    fireEvent.click(getAllByText('修改')[1]!);
    expect(edit).toHaveBeenCalledWith(1);
    fireEvent.click(getByText('确认提交'));
    expect(send).toHaveBeenCalled();
  });
});
