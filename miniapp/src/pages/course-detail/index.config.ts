import { zhCN } from '../../i18n/locales/zh-CN';

export default definePageConfig({ navigationBarTitleText: zhCN.training.detailTitle, enableShareAppMessage: true });
