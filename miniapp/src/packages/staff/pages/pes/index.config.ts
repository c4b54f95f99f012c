import { zhCN } from '@zhuanyi/shared';

export default definePageConfig({
  navigationBarTitleText: zhCN['pes.title'],
});
