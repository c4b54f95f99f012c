import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { WorkerGrant } from '@zhuanyi/shared';
import { requests, setRequestHandler } from '../../../../test/mocks/taro';
import { saveSession } from '@/services/auth-token';
import { MyGrantsCard } from './MyGrantsCard';

const grant = (overrides: Partial<WorkerGrant>): WorkerGrant => ({
  id: 'g1',
  kind: 'job_seeking',
  ruleName: '贫困劳动力有组织外出一次性求职创业补贴',
  amountFen: 200_000,
  state: 'due',
  dueOn: '2026-06-04',
  needsClaim: true,
  claimable: true,
  reason: null,
  basis: null,
  paidAt: null,
  ...overrides,
});

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh-token-long-enough-1234', subject: { subjectId: 's1', role: 'worker', regionScope: null, workerId: 'w1', displayName: null, phoneMasked: '139****1234' } });
});

describe('我的补贴', () => {
  it('when the worker has grants, then each shows its kind, amount in yuan and status, and 申请 only where a claim is needed', async () => {
    setRequestHandler(() => ({
      statusCode: 200,
      data: {
        items: [
          grant({}),
          grant({ id: 'g2', kind: 'transport', ruleName: '交通补助', amountFen: 35_050, state: 'paid', needsClaim: false, claimable: false, paidAt: '2026-06-10T02:00:00.000Z' }),
          grant({ id: 'g3', kind: 'other', ruleName: '稳岗补贴', amountFen: 50_000, state: 'waiting', dueOn: '2026-09-04', needsClaim: false, claimable: false }),
        ],
        totalFen: 285_050,
        paidFen: 35_050,
      },
    }));
    render(<MyGrantsCard reloadKey="w1" />);
    await waitFor(() => expect(screen.getByText('一次性求职补贴')).toBeTruthy());
    expect(screen.getByText('2,000 元')).toBeTruthy();
    expect(screen.getByText('可以申请，请点“申请”')).toBeTruthy();
    expect(screen.getByText('交通补助')).toBeTruthy();
    expect(screen.getByText('350.50 元')).toBeTruthy();
    expect(screen.getByText('已发放')).toBeTruthy();
    expect(screen.getByText('稳岗补贴')).toBeTruthy();
    expect(screen.getByText('2026-09-04 起可以领')).toBeTruthy();
    expect(screen.getByText('共 2,850.50 元，已发放 350.50 元')).toBeTruthy();
    expect(screen.getAllByText('申请')).toHaveLength(1);
  });

  it('when the worker taps 申请, then one claim is sent with an Idempotency-Key and the row shows it is waiting for review', async () => {
    setRequestHandler((o) =>
      o.method === 'POST'
        ? { statusCode: 200, data: grant({ state: 'claimed', claimable: false }) }
        : { statusCode: 200, data: { items: [grant({})], totalFen: 200_000, paidFen: 0 } },
    );
    render(<MyGrantsCard reloadKey="w1" />);
    await waitFor(() => expect(screen.getByText('申请')).toBeTruthy());
    await act(async () => {
      fireEvent.click(screen.getByText('申请'));
    });
    await waitFor(() => expect(screen.getByText('已申请，等待审核')).toBeTruthy());
    const posts = requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.url)).toEqual(['/api/v1/workers/me/grants/g1/claim']);
    expect(posts[0]?.header?.['Idempotency-Key']).toEqual(expect.any(String));
    expect(screen.queryByText('申请')).toBeNull();
  });

  it('when the grant can no longer be claimed, then the reason shows under it', async () => {
    setRequestHandler((o) =>
      o.method === 'POST'
        ? { statusCode: 409, data: { error: { code: 'CONFLICT', message: '这笔补贴现在不能申领', messageKey: 'error.grantNotClaimable' } } }
        : { statusCode: 200, data: { items: [grant({})], totalFen: 200_000, paidFen: 0 } },
    );
    render(<MyGrantsCard reloadKey="w1" />);
    await waitFor(() => expect(screen.getByText('申请')).toBeTruthy());
    await act(async () => {
      fireEvent.click(screen.getByText('申请'));
    });
    await waitFor(() => expect(screen.getByText('这笔补贴现在不能申领')).toBeTruthy());
  });

  it('when the worker has a transport grant and a training allowance, then each says why in plain words: the distance band and mode, or the course', async () => {
    setRequestHandler(() => ({
      statusCode: 200,
      data: {
        items: [
          grant({ id: 't1', kind: 'transport', ruleName: '交通补助', amountFen: 40_000, needsClaim: false, claimable: false, basis: { kind: 'transport', distanceKm: 1200, mode: 'train', fromKm: 500, toKm: 2000 } }),
          grant({ id: 't2', kind: 'transport', ruleName: '交通补助', amountFen: 80_000, state: 'waiting', needsClaim: false, claimable: false, basis: { kind: 'transport', distanceKm: 2600, mode: 'charter', fromKm: 2000, toKm: null } }),
          grant({ id: 'c1', kind: 'training_allowance', ruleName: '培训生活费', amountFen: 30_000, needsClaim: false, claimable: false, basis: { kind: 'training', courseTitle: '电焊工培训', classHours: 56, days: 10 } }),
        ],
        totalFen: 150_000,
        paidFen: 0,
      },
    }));
    render(<MyGrantsCard reloadKey="w1" />);
    await waitFor(() => expect(screen.getAllByText('交通补助')).toHaveLength(2));
    expect(screen.getByText('400 元')).toBeTruthy();
    expect(screen.getByText('路程 1,200 公里（500–2000 公里档），乘火车')).toBeTruthy();
    expect(screen.getByText('路程 2,600 公里（2000 公里以上档），乘组织包车或专列')).toBeTruthy();
    expect(screen.getByText('培训生活费补贴')).toBeTruthy();
    expect(screen.getByText('参加培训“电焊工培训”，56 课时，共 10 天')).toBeTruthy();
  });

  it('when there are none yet, then it says so', async () => {
    setRequestHandler(() => ({ statusCode: 200, data: { items: [], totalFen: 0, paidFen: 0 } }));
    render(<MyGrantsCard reloadKey="w1" />);
    await waitFor(() => expect(screen.getByText(/现在还没有可以领的补贴/)).toBeTruthy());
  });
});
