import { fireEvent, render, screen } from '@testing-library/react';
import type { Region } from '@zhuanyi/shared';
import { buildRegion } from '../../../../test/factories';
import { requests, setRequestHandler } from '../../../../test/mocks/taro';
import { clearRegionCache, regionChildrenPath } from '../api/get-region-children';
import { RegionPicker } from './RegionPicker';

const tree: Record<string, Region[]> = {
  root: [buildRegion('15', '内蒙古自治区', 'province', null), buildRegion('65', '新疆维吾尔自治区', 'province', null)],
  '15': [buildRegion('1505', '通辽市', 'city', '15')],
  '1505': [buildRegion('150502', '科尔沁区', 'county', '1505')],
  '150502': [buildRegion('150502001', '永安街道', 'township', '150502')],
  '150502001': [buildRegion('150502001001', '永安社区', 'village', '150502001')],
};

function serveTree() {
  setRequestHandler((options) => {
    const code = options.url.endsWith('/regions') ? 'root' : (/\/regions\/([^/]+)\/children/.exec(options.url)?.[1] ?? '');
    const items = tree[code];
    return items ? { statusCode: 200, data: { items } } : { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '没有' } } };
  });
}

beforeEach(() => clearRegionCache());

describe('RegionPicker', () => {
  it('when the user taps level by level to a village, then onChange gets the whole path', async () => {
    serveTree();
    const onChange = jest.fn();
    render(<RegionPicker onChange={onChange} />);

    expect(await screen.findByText('请选择省（自治区）')).toBeTruthy();
    fireEvent.click(screen.getByText('内蒙古自治区'));
    fireEvent.click(await screen.findByText('通辽市'));
    fireEvent.click(await screen.findByText('科尔沁区'));
    fireEvent.click(await screen.findByText('永安街道'));
    expect(await screen.findByText('请选择村（嘎查、社区）')).toBeTruthy();
    fireEvent.click(screen.getByText('永安社区'));

    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange.mock.calls[0]?.[0].map((r: Region) => r.code)).toEqual(['15', '1505', '150502', '150502001', '150502001001']);
    expect(requests.map((r) => r.url)).toEqual([
      '/api/v1/regions',
      '/api/v1/regions/15/children',
      '/api/v1/regions/1505/children',
      '/api/v1/regions/150502/children',
      '/api/v1/regions/150502001/children',
    ]);
  });

  it('when a county is enough, then 就选 that county finishes there', async () => {
    serveTree();
    const onChange = jest.fn();
    render(<RegionPicker onChange={onChange} deepestLevel="village" shallowestLevel="county" />);
    fireEvent.click(await screen.findByText('内蒙古自治区'));
    fireEvent.click(await screen.findByText('通辽市'));
    expect(screen.queryByText('就选“通辽市”')).toBeNull();
    fireEvent.click(await screen.findByText('科尔沁区'));
    fireEvent.click(await screen.findByText('就选“科尔沁区”'));
    expect(onChange.mock.calls[0]?.[0].map((r: Region) => r.name)).toEqual(['内蒙古自治区', '通辽市', '科尔沁区']);
  });

  it('when the user taps a breadcrumb, then the picker goes back to that level (from cache)', async () => {
    serveTree();
    render(<RegionPicker onChange={jest.fn()} />);
    fireEvent.click(await screen.findByText('内蒙古自治区'));
    fireEvent.click(await screen.findByText('通辽市'));
    await screen.findByText('科尔沁区');
    fireEvent.click(screen.getByText('全部'));
    expect(await screen.findByText('新疆维吾尔自治区')).toBeTruthy();
    expect(requests.filter((r) => r.url.endsWith('/regions'))).toHaveLength(1);
  });

  it('when a level fails to load, then the error shows and 再试一次 loads it again', async () => {
    let down = true;
    setRequestHandler(() =>
      down ? { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '没有' } } } : { statusCode: 200, data: { items: tree.root } },
    );
    render(<RegionPicker onChange={jest.fn()} />);
    expect(await screen.findByText('地区没有加载出来')).toBeTruthy();
    down = false;
    fireEvent.click(screen.getByText('再试一次'));
    expect(await screen.findByText('内蒙古自治区')).toBeTruthy();
  });

  it('when the path is built, then it comes from the one path function', () => {
    expect(regionChildrenPath(null)).toBe('/regions');
    expect(regionChildrenPath('150502')).toBe('/regions/150502/children');
  });
});
