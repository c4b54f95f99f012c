import { fireEvent, render, screen } from '@testing-library/react';
import type { Region } from '@zhuanyi/shared';
import { buildRegion } from '../../../../test/factories';
import { setRequestHandler } from '../../../../test/mocks/taro';
import { DateField } from '@/components/DateField';
import { clearRegionCache } from '../api/get-region-children';
import { RegionField } from './RegionField';

const tree: Record<string, Region[]> = {
  root: [buildRegion('15', '内蒙古自治区', 'province', null)],
  '15': [buildRegion('1505', '通辽市', 'city', '15')],
  '1505': [buildRegion('150521', '科尔沁左翼中旗', 'county', '1505')],
  '150521': [buildRegion('150521100', '保康镇', 'township', '150521')],
};

beforeEach(() => clearRegionCache());

describe('staff forms pick regions and dates instead of typing them', () => {
  it('when staff pick a county in the region field, then the form gets its code and the names are shown', async () => {
    setRequestHandler((o) => {
      const code = o.url.endsWith('/regions') ? 'root' : (/\/regions\/([^/]+)\/children/.exec(o.url)?.[1] ?? '');
      return { statusCode: 200, data: { items: tree[code] ?? [] } };
    });
    const onChange = jest.fn();
    const { rerender } = render(<RegionField label="地区" value="150521" onChange={onChange} />);
    expect(screen.getByText('150521')).toBeTruthy();
    expect(document.querySelector('input')).toBeNull();
    fireEvent.click(screen.getByText('修改'));
    fireEvent.click(await screen.findByText('内蒙古自治区'));
    fireEvent.click(await screen.findByText('通辽市'));
    fireEvent.click(await screen.findByText('科尔沁左翼中旗'));
    fireEvent.click(await screen.findByText('就选“科尔沁左翼中旗”'));
    expect(onChange).toHaveBeenCalledWith('150521');
    rerender(<RegionField label="地区" value="150521" onChange={onChange} />);
    expect(screen.getByText('内蒙古自治区 通辽市 科尔沁左翼中旗')).toBeTruthy();
  });

  it('when staff pick a date, then the form gets YYYY-MM-DD from the date picker; nothing is typed', () => {
    const onChange = jest.fn();
    render(<DateField label="开课日期" value="" onChange={onChange} />);
    expect(screen.getByText('选择日期')).toBeTruthy();
    const picker = document.querySelector('input[data-picker="date"]');
    if (!picker) throw new Error('no date picker');
    fireEvent.change(picker, { target: { value: '2026-07-01' } });
    expect(onChange).toHaveBeenCalledWith('2026-07-01');
  });
});
