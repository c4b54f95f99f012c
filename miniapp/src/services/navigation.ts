import Taro from '@tarojs/taro';

/** Page paths in one place. Tab pages open with switchTab, the rest with navigateTo. */
export const routes = {
  jobs: '/pages/jobs/index',
  training: '/pages/training/index',
  complaints: '/pages/complaints/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  register: '/pages/register/index',
  jobDetail: (id: string) => `/pages/job-detail/index?id=${encodeURIComponent(id)}`,
  applications: '/pages/applications/index',
  courseDetail: (id: string) => `/pages/course-detail/index?id=${encodeURIComponent(id)}`,
  enrollments: '/pages/enrollments/index',
  complaintNew: '/pages/complaint-new/index',
  complaintCase: (id: string) => `/pages/complaint-case/index?id=${encodeURIComponent(id)}`,
} as const;

const tabs: readonly string[] = [routes.jobs, routes.training, routes.complaints, routes.me];

export function go(url: string): void {
  if (tabs.includes(url)) void Taro.switchTab({ url });
  else void Taro.navigateTo({ url });
}

/** After signing in: register first if there is no record yet, otherwise back where the user was. */
export function afterSignIn(registered: boolean): void {
  if (!registered) {
    void Taro.redirectTo({ url: routes.register });
    return;
  }
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: routes.me });
}
