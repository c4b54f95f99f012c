import { zhCN } from './i18n/locales/zh-CN';

/**
 * Worker pages live in the main package (WeChat caps it at 2 MB);
 * broker and staff tools load as subpackages only when opened.
 */
export default defineAppConfig({
  pages: ['pages/jobs/index'],
  subPackages: [
    { root: 'packages/broker', pages: ['pages/home/index'] },
    { root: 'packages/staff', pages: ['pages/home/index'] },
  ],
  window: {
    navigationBarTitleText: zhCN.app.name,
    navigationBarBackgroundColor: '#0b6bcb',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f5f7',
    backgroundTextStyle: 'dark',
  },
  lazyCodeLoading: 'requiredComponents',
});
