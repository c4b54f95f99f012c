import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { OwnershipConflict, SignInDelay } from '@zhuanyi/shared';
import { requests, setRequestHandler } from '../../../../test/mocks/taro';
import { OwnershipConflictsPanel } from './OwnershipConflictsPanel';
import { SignInDelaysPanel } from './SignInDelaysPanel';

const delay = (over: Partial<SignInDelay> = {}): SignInDelay => ({
  id: 'account:zhangsan',
  kind: 'account',
  label: 'zhangsan',
  failures: 7,
  blockedUntil: '2026-12-04T08:30:00.000Z',
  lastFailureAt: '2026-12-04T08:20:00.000Z',
  ...over,
});

const conflict: OwnershipConflict = {
  id: '665f1c2e9b1e8a0012345678',
  workerId: '665f1c2e9b1e8a0012345679',
  idNumberMasked: '150521********1234',
  current: { name: '包金山', phoneMasked: '139****0001' },
  claimant: { name: '包金山', phoneMasked: '138****0002' },
  regionCode: '150521',
  regionName: '科尔沁左翼后旗',
  state: 'open',
  reason: null,
  createdAt: '2026-12-04T08:00:00.000Z',
};

describe('sign-in delays (admin)', () => {
  it('when delays are running, then each shows who, how many failures and until when; 解除 clears one and it leaves the list', async () => {
    setRequestHandler((o) => {
      if (o.method === 'DELETE') return { statusCode: 200, data: delay({ blockedUntil: null }) };
      return { statusCode: 200, data: { items: [delay(), delay({ id: 'address:203.0.113.*', kind: 'address', label: '203.0.113.*', failures: 3, blockedUntil: null })] } };
    });
    render(<SignInDelaysPanel />);
    expect(await screen.findByText('zhangsan')).toBeTruthy();
    expect(screen.getByText('输错 7 次 · 需等到 2026-12-04 16:30')).toBeTruthy();
    expect(screen.getByText('输错 3 次 · 现在不用等，输错次数一天后清零')).toBeTruthy();
    fireEvent.click(screen.getAllByText('解除')[0]!);
    expect(await screen.findByText('已解除 zhangsan 的登录延时')).toBeTruthy();
    const del = requests.find((r) => r.method === 'DELETE');
    expect(del?.url).toBe('/api/v1/staff/sign-in-delays/account%3Azhangsan');
    await waitFor(() => expect(screen.queryByText('zhangsan')).toBeNull());
    expect(screen.getByText('203.0.113.*')).toBeTruthy();
  });

  it('when there is none, then it says so', async () => {
    setRequestHandler(() => ({ statusCode: 200, data: { items: [] } }));
    render(<SignInDelaysPanel />);
    expect(await screen.findByText('现在没有登录延时')).toBeTruthy();
  });
});

describe('ID-number conflicts (staff)', () => {
  it('when staff decide without a reason, then nothing is sent; with one, 归还 posts the decision and the conflict leaves the queue', async () => {
    setRequestHandler((o) => {
      if (o.method === 'POST') return { statusCode: 200, data: { ...conflict, state: 'granted', reason: '已核验身份证原件' } };
      return { statusCode: 200, data: { items: [conflict] } };
    });
    render(<OwnershipConflictsPanel />);
    expect(await screen.findByText('150521********1234 · 科尔沁左翼后旗')).toBeTruthy();
    expect(screen.getByText('包金山 138****0002')).toBeTruthy();
    fireEvent.click(screen.getByText('核验属实，归还给申请人'));
    expect(await screen.findByText('请写明核验情况，至少 2 个字')).toBeTruthy();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    const input = document.querySelector('input') as HTMLInputElement;
    fireEvent.input(input, { target: { value: '已核验身份证原件' } });
    fireEvent.click(screen.getByText('核验属实，归还给申请人'));
    expect(await screen.findByText('已归还给申请人')).toBeTruthy();
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.url).toBe(`/api/v1/staff/ownership-conflicts/${conflict.id}/decision`);
    expect(post?.data).toEqual({ action: 'grant', reason: '已核验身份证原件' });
    expect(screen.getByText('现在没有待处理的身份证号争议')).toBeTruthy();
  });
});
