import { render, screen } from '@testing-library/react';
import { buildJob } from '../../../../test/factories';
import { JobCard } from './JobCard';

describe('JobCard', () => {
  it('when a verified employer offers lodging and point-to-point transport, then all of it shows', () => {
    render(<JobCard job={buildJob({ title: '招聘熟练电焊工', openings: 12 })} />);
    expect(screen.getByText('招聘熟练电焊工')).toBeTruthy();
    expect(screen.getByText('通辽市建工集团有限公司')).toBeTruthy();
    expect(screen.getByText('已认证')).toBeTruthy();
    expect(screen.getByText('6,500–9,000 元/月')).toBeTruthy();
    expect(screen.getByText('包吃住')).toBeTruthy();
    expect(screen.getByText('点对点输送')).toBeTruthy();
    expect(screen.getByText(/内蒙古自治区通辽市科尔沁区 · 招 12 人 · 12月31日 截止/)).toBeTruthy();
    expect(screen.queryByText('公益性岗位')).toBeNull();
  });

  it('when a public welfare post has an unverified employer and no extras, then only what applies shows', () => {
    render(
      <JobCard
        job={buildJob({
          employerVerified: false,
          publicWelfare: true,
          mealsAndLodging: false,
          transport: 'none',
          deadline: null,
          payMinFen: 180000,
          payMaxFen: 180000,
        })}
      />,
    );
    expect(screen.getByText('未认证')).toBeTruthy();
    expect(screen.getByText('公益性岗位')).toBeTruthy();
    expect(screen.getByText('1,800 元/月')).toBeTruthy();
    expect(screen.queryByText('包吃住')).toBeNull();
    expect(screen.queryByText('专车接送')).toBeNull();
    expect(screen.queryByText(/截止/)).toBeNull();
  });

  it('when transport is a shuttle, then 专车接送 shows', () => {
    render(<JobCard job={buildJob({ transport: 'shuttle' })} />);
    expect(screen.getByText('专车接送')).toBeTruthy();
  });
});
