import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { JobSummary } from '@zhuanyi/shared';
import { buildJob } from '../../../test/factories';
import { pageHooks, requests, setRequestHandler, type MockRequestOptions } from '../../../test/mocks/taro';
import JobsPage from './index';

function query(options: MockRequestOptions): URLSearchParams {
  return new URLSearchParams(options.url.split('?')[1] ?? '');
}

function page(items: JobSummary[], nextCursor: string | null) {
  return { statusCode: 200, data: { items, nextCursor } };
}

describe('jobs page', () => {
  it('when the first page loads, then its jobs show and 加载更多 appends the next page', async () => {
    const first = [buildJob({ title: '招聘熟练电焊工' }), buildJob({ title: '钢筋工 日结' })];
    const second = [buildJob({ title: '养老院护理岗位' })];
    setRequestHandler((options) => (query(options).get('cursor') === 'c2' ? page(second, null) : page(first, 'c2')));

    render(<JobsPage />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    expect(await screen.findByText('招聘熟练电焊工')).toBeTruthy();
    expect(screen.getByText('钢筋工 日结')).toBeTruthy();
    expect(requests[0]?.url).toBe('/api/v1/jobs?limit=20');

    fireEvent.click(screen.getByText('加载更多'));
    expect(await screen.findByText('养老院护理岗位')).toBeTruthy();
    expect(screen.getByText('没有更多了')).toBeTruthy();
    expect(screen.getByText('已显示 3 个岗位')).toBeTruthy();
    expect(query(requests[1]!).get('cursor')).toBe('c2');
  });

  it('when the page reaches the bottom, then the next page loads once', async () => {
    setRequestHandler((options) =>
      query(options).get('cursor') ? page([buildJob({ title: '第二页岗位' })], null) : page([buildJob()], 'next'),
    );
    render(<JobsPage />);
    await screen.findByText('加载更多');
    act(() => pageHooks.reachBottom.at(-1)?.());
    expect(await screen.findByText('第二页岗位')).toBeTruthy();
    expect(requests).toHaveLength(2);
  });

  it('when a trade chip and a keyword are chosen, then the list reloads with those filters', async () => {
    setRequestHandler((options) => {
      const q = query(options);
      return q.get('trade') === '电焊工' && q.get('q') === '夜班' ? page([buildJob({ title: '电焊夜班' })], null) : page([buildJob()], null);
    });
    render(<JobsPage />);
    await screen.findByText('没有更多了');

    fireEvent.click(screen.getByRole('button', { name: '电焊工' }));
    await waitFor(() => expect(screen.getByRole('button', { name: '电焊工 已选中' })).toBeTruthy());
    await waitFor(() => expect(query(requests.at(-1)!).get('trade')).toBe('电焊工'));
    fireEvent.change(screen.getByPlaceholderText('输入工种或岗位，比如：电焊'), { target: { value: ' 夜班 ' } });
    fireEvent.click(screen.getByText('搜索'));
    expect(await screen.findByText('电焊夜班')).toBeTruthy();
    expect(query(requests.at(-1)!).get('q')).toBe('夜班');
  });

  it('when nothing matches, then the empty state says so in Chinese', async () => {
    setRequestHandler(() => page([], null));
    render(<JobsPage />);
    expect(await screen.findByText('暂时没有合适的岗位')).toBeTruthy();
    expect(screen.getByText('换个工种或关键词试试')).toBeTruthy();
  });

  it('when the server fails, then the error shows its Chinese reason and 再试一次 reloads', async () => {
    let fail = true;
    setRequestHandler(() =>
      fail
        ? { statusCode: 403, data: { error: { code: 'FORBIDDEN', message: 'no' } } }
        : page([buildJob({ title: '恢复后的岗位' })], null),
    );
    render(<JobsPage />);
    expect(await screen.findByText('岗位没有加载出来')).toBeTruthy();
    expect(screen.getByText('没有权限进行此操作')).toBeTruthy();

    fail = false;
    fireEvent.click(screen.getByText('再试一次'));
    expect(await screen.findByText('恢复后的岗位')).toBeTruthy();
  });

  it('when the network is gone, then the last unfiltered list shows with 离线，显示上次的岗位', async () => {
    setRequestHandler(() => page([buildJob({ title: '上次看到的岗位' })], 'c2'));
    const online = render(<JobsPage />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    expect(await screen.findByText('上次看到的岗位')).toBeTruthy();
    expect(screen.queryByText('离线，显示上次的岗位')).toBeNull();
    online.unmount();

    setRequestHandler(() => {
      throw { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' };
    });
    render(<JobsPage />);
    expect(await screen.findByText('离线，显示上次的岗位', undefined, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('上次看到的岗位')).toBeTruthy();
    // No paging offline; 再试一次 asks the network again.
    expect(screen.queryByText('加载更多')).toBeNull();
    setRequestHandler(() => page([buildJob({ title: '有网后的新岗位' })], null));
    fireEvent.click(screen.getByText('再试一次'));
    expect(await screen.findByText('有网后的新岗位')).toBeTruthy();
    expect(screen.queryByText('离线，显示上次的岗位')).toBeNull();
  });

  it('when the network is gone and nothing was kept, then the network error shows (no empty list)', async () => {
    setRequestHandler(() => {
      throw { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' };
    });
    render(<JobsPage />);
    expect(await screen.findByText('岗位没有加载出来', undefined, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByText('离线，显示上次的岗位')).toBeNull();
  });
});
