import { fireEvent, render, screen } from '@testing-library/react';
import type { RegistryPerson } from '@zhuanyi/shared';
import { requests, setRequestHandler } from '../../../../test/mocks/taro';
import { revealApplicantPhone } from '@/features/applications/api/staff-applications-api';
import { PersonCard } from './PersonCard';
import { PhoneReveal } from './PhoneReveal';

const reasonBox = () => {
  const box = document.querySelector('input');
  if (!box) throw new Error('no reason field');
  return box;
};

describe('PhoneReveal (staff calling a person)', () => {
  it('when staff give no reason, then nothing is asked; with a reason, then the full number and a call button are shown', async () => {
    const reveal = jest.fn((reason: string) => Promise.resolve(reason ? '13912345678' : ''));
    render(<PhoneReveal masked="139****5678" reveal={reveal} />);
    expect(screen.getByText('139****5678')).toBeTruthy();
    expect(screen.queryByText('拨打电话')).toBeNull();

    fireEvent.click(screen.getByText('查看完整号码'));
    fireEvent.click(screen.getByText('确认查看'));
    expect(screen.getByText('请写明理由，至少 4 个字')).toBeTruthy();
    expect(reveal).not.toHaveBeenCalled();

    fireEvent.change(reasonBox(), { target: { value: ' 电话通知面试时间 ' } });
    fireEvent.click(screen.getByText('确认查看'));
    expect(await screen.findByText('13912345678')).toBeTruthy();
    expect(reveal).toHaveBeenCalledWith('电话通知面试时间');
    expect(screen.getByText('拨打电话')).toBeTruthy();
  });

  it('when the server refuses, then its message stays under the reason and the number stays masked', async () => {
    setRequestHandler(() => ({ statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '这个报名没有留手机号' } } }));
    render(<PhoneReveal masked="139****5678" reveal={async (reason) => (await revealApplicantPhone('a1', reason)).phone} />);
    fireEvent.click(screen.getByText('查看完整号码'));
    fireEvent.change(reasonBox(), { target: { value: '电话通知面试时间' } });
    fireEvent.click(screen.getByText('确认查看'));
    await screen.findByText('这个报名没有留手机号');
    expect(requests.map((r) => [r.method, r.url, r.data])).toEqual([['POST', '/api/v1/staff/applications/a1/reveal-phone', { reason: '电话通知面试时间' }]]);
    expect(screen.getByText('139****5678')).toBeTruthy();
    expect(screen.queryByText('拨打电话')).toBeNull();
  });

  it('when there is no phone at all, then it says so and offers no reveal', () => {
    render(<PhoneReveal masked={null} reveal={jest.fn()} />);
    expect(screen.getByText('未填写')).toBeTruthy();
    expect(screen.queryByText('查看完整号码')).toBeNull();
  });
});

describe('PersonCard reveal (same reveal flow as PhoneReveal)', () => {
  const person = {
    id: 'w1',
    name: '包金山',
    sex: 'male',
    age: 38,
    regionName: '科尔沁左翼中旗',
    status: 'unemployed',
    mobility: 'can_travel_far',
    keyGroups: [],
    verified: false,
    idNumberMasked: '150521********1234',
    phoneMasked: '139****5678',
    watch: { color: null, reasons: [] },
  } as unknown as RegistryPerson;

  it('when staff state a reason, then the registry reveal is called with it and both numbers are shown', async () => {
    setRequestHandler(() => ({ statusCode: 200, data: { idNumber: '150521198803151234', phone: '13912345678' } }));
    render(<PersonCard person={person} />);
    fireEvent.click(screen.getByText('查看完整号码'));
    fireEvent.click(screen.getByText('确认查看'));
    expect(screen.getByText('请写明查看原因，至少 4 个字')).toBeTruthy();
    fireEvent.change(reasonBox(), { target: { value: '办理社保补贴核对身份' } });
    fireEvent.click(screen.getByText('确认查看'));
    expect(await screen.findByText('13912345678')).toBeTruthy();
    expect(screen.getByText('150521198803151234')).toBeTruthy();
    expect(requests.map((r) => [r.method, r.url, r.data])).toEqual([['POST', '/api/v1/registry/workers/w1/reveal', { reason: '办理社保补贴核对身份' }]]);
  });
});
