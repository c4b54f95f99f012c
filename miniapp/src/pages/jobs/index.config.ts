import { zhCN } from '../../i18n/locales/zh-CN';

// Build-time default title; the page sets the localized one at run time.
export default definePageConfig({
  navigationBarTitleText: zhCN.jobs.title,
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
