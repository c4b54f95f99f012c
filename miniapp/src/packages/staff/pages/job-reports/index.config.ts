import { zhCN } from '../../../../i18n/locales/zh-CN';

export default definePageConfig({
  navigationBarTitleText: zhCN.staff.jobReports.title,
});
