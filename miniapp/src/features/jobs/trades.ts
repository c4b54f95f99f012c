import type { MessageKey } from '@/i18n';

/**
 * Trades offered as filter chips. `value` is what the API's `trade` filter matches
 * (the trade names the BFF's jobs use, see bff/src/seed/demo-data.ts); the label goes through i18n.
 */
export const TRADE_FILTERS: ReadonlyArray<{ value: string; labelKey: MessageKey }> = [
  { value: '普工', labelKey: 'trades.generalWorker' },
  { value: '电焊工', labelKey: 'trades.welder' },
  { value: '家政服务员', labelKey: 'trades.housekeeping' },
  { value: '养老护理员', labelKey: 'trades.elderCare' },
  { value: '保洁员', labelKey: 'trades.cleaner' },
  { value: '分拣员', labelKey: 'trades.sorter' },
  { value: '中式面点师', labelKey: 'trades.pastry' },
  { value: '砌筑工', labelKey: 'trades.mason' },
  { value: '架子工', labelKey: 'trades.scaffolder' },
  { value: '模板工', labelKey: 'trades.formwork' },
];
