import { zhCN } from './i18n/locales/zh-CN';

/**
 * Worker pages live in the main package (WeChat caps it at 2 MB);
 * broker and staff tools load as subpackages only when opened.
 */
export default defineAppConfig({
  pages: [
    'pages/jobs/index',
    'pages/training/index',
    'pages/complaints/index',
    'pages/me/index',
    'pages/login/index',
    'pages/register/index',
    'pages/job-detail/index',
    'pages/applications/index',
    'pages/course-detail/index',
    'pages/enrollments/index',
    'pages/complaint-new/index',
    'pages/complaint-case/index',
    'pages/broker-apply/index',
  ],
  subPackages: [
    { root: 'packages/broker', pages: ['pages/home/index', 'pages/people/index', 'pages/import/index', 'pages/teams/index', 'pages/team/index', 'pages/subsidies/index', 'pages/enrol/index'] },
    { root: 'packages/staff', pages: ['pages/home/index', 'pages/applications/index', 'pages/enrollments/index', 'pages/pes/index', 'pages/login/index', 'pages/queue/index', 'pages/case/index', 'pages/registry/index', 'pages/watch/index', 'pages/report/index', 'pages/file/index', 'pages/person/index', 'pages/employers/index', 'pages/jobs/index', 'pages/job-reports/index', 'pages/courses/index', 'pages/audit/index', 'pages/accounts/index', 'pages/broker-list/index', 'pages/broker-stages/index', 'pages/broker-subsidies/index'] },
  ],
  tabBar: {
    color: '#4a4a4a',
    selectedColor: '#0b6bcb',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/jobs/index', text: zhCN.tabs.jobs, iconPath: 'assets/tab-jobs.png', selectedIconPath: 'assets/tab-jobs-on.png' },
      { pagePath: 'pages/training/index', text: zhCN.tabs.training, iconPath: 'assets/tab-training.png', selectedIconPath: 'assets/tab-training-on.png' },
      { pagePath: 'pages/complaints/index', text: zhCN.tabs.complaint, iconPath: 'assets/tab-complaint.png', selectedIconPath: 'assets/tab-complaint-on.png' },
      { pagePath: 'pages/me/index', text: zhCN.tabs.me, iconPath: 'assets/tab-me.png', selectedIconPath: 'assets/tab-me-on.png' },
    ],
  },
  window: {
    navigationBarTitleText: zhCN.app.name,
    navigationBarBackgroundColor: '#0b6bcb',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f5f7',
    backgroundTextStyle: 'dark',
  },
  lazyCodeLoading: 'requiredComponents',
  // WeChat's speech plugin (同声传译): read-aloud (textToSpeech) and voice input, behind services/speech.ts.
  plugins: { WechatSI: { version: '0.3.5', provider: 'wx069ba97219f66d99' } },
});
