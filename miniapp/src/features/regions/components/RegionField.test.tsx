import { fireEvent, render, screen } from '@testing-library/react';
import type { Region } from '@zhuanyi/shared';
import { buildRegion } from '../../../../test/factories';
import { setRequestHandler } from '../../../../test/mocks/taro';
import { DateField } from '@/components/DateField';
import { loadLocale, setLocale } from '@/i18n';
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

  describe('in a worker’s language', () => {
    // The three catalogs load on demand (their own chunks): loaded once here as the app would.
    beforeAll(() => Promise.all([loadLocale('ug'), loadLocale('bo'), loadLocale('mn-Mong')]));
    afterEach(() => setLocale('zh-CN'));
    const tap = (el: Element | null | undefined) => {
      if (!el) throw new Error('nothing to tap');
      fireEvent.click(el);
    };

    it('when a Mongolian reader picks in the pilot county, then the picker and the field show the Mongolian names; a township without one shows in Chinese', async () => {
      setRequestHandler((o) => {
        const code = o.url.endsWith('/regions') ? 'root' : (/\/regions\/([^/]+)\/children/.exec(o.url)?.[1] ?? '');
        return { statusCode: 200, data: { items: tree[code] ?? [] } };
      });
      setLocale('mn-Mong');
      const onChange = jest.fn();
      const { container, rerender } = render(<RegionField label="ᠭᠠᠵᠠᠷ" value="" onChange={onChange} />);
      tap(container.querySelector('.zy-button'));
      tap(await screen.findByText('ᠦᠪᠦᠷ ᠮᠣᠩᠭᠣᠯ ᠤᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠤᠨ'));
      tap(await screen.findByText('ᠲᠦᠩᠯᠢᠶᠣᠤ ᠬᠣᠲᠠ'));
      tap(await screen.findByText('ᠬᠣᠷᠴᠢᠨ ᠵᠡᠭᠦᠨ ᠭᠠᠷ ᠤᠨ ᠳᠤᠮᠳᠠᠳᠤ ᠬᠣᠰᠢᠭᠤ'));
      expect(await screen.findByText('保康镇')).toBeTruthy();
      expect(container.textContent).not.toMatch(/内蒙古|通辽|科尔沁/);
      // Stop at the county: the field shows the path in Mongolian.
      tap(container.querySelector('.region-picker__stop .zy-button'));
      expect(onChange).toHaveBeenCalledWith('150521');
      rerender(<RegionField label="ᠭᠠᠵᠠᠷ" value="150521" onChange={onChange} />);
      expect(screen.getByText('ᠦᠪᠦᠷ ᠮᠣᠩᠭᠣᠯ ᠤᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠤᠨ ᠲᠦᠩᠯᠢᠶᠣᠤ ᠬᠣᠲᠠ ᠬᠣᠷᠴᠢᠨ ᠵᠡᠭᠦᠨ ᠭᠠᠷ ᠤᠨ ᠳᠤᠮᠳᠠᠳᠤ ᠬᠣᠰᠢᠭᠤ')).toBeTruthy();
    });
  });
});
