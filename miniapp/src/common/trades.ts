import type { MessageKey } from '@/i18n';

/**
 * Trades offered as chips (job filters, registration, training). `value` is what the API's `trade`
 * matches (the trade names the BFF's jobs use, see bff/src/seed/demo-data.ts); label and the
 * one-character icon go through i18n. `tone` colours the icon.
 */
export interface TradeOption {
  value: string;
  labelKey: MessageKey;
  iconKey: MessageKey;
  tone: 'blue' | 'orange' | 'green' | 'purple' | 'teal';
}

export const TRADES: readonly TradeOption[] = [
  { value: '普工', labelKey: 'trades.generalWorker', iconKey: 'tradeIcons.generalWorker', tone: 'blue' },
  { value: '电焊工', labelKey: 'trades.welder', iconKey: 'tradeIcons.welder', tone: 'orange' },
  { value: '家政服务员', labelKey: 'trades.housekeeping', iconKey: 'tradeIcons.housekeeping', tone: 'green' },
  { value: '养老护理员', labelKey: 'trades.elderCare', iconKey: 'tradeIcons.elderCare', tone: 'purple' },
  { value: '保洁员', labelKey: 'trades.cleaner', iconKey: 'tradeIcons.cleaner', tone: 'teal' },
  { value: '分拣员', labelKey: 'trades.sorter', iconKey: 'tradeIcons.sorter', tone: 'blue' },
  { value: '中式面点师', labelKey: 'trades.pastry', iconKey: 'tradeIcons.pastry', tone: 'orange' },
  { value: '砌筑工', labelKey: 'trades.mason', iconKey: 'tradeIcons.mason', tone: 'green' },
  { value: '架子工', labelKey: 'trades.scaffolder', iconKey: 'tradeIcons.scaffolder', tone: 'purple' },
  { value: '模板工', labelKey: 'trades.formwork', iconKey: 'tradeIcons.formwork', tone: 'teal' },
];

export function tradeOption(value: string): TradeOption | undefined {
  return TRADES.find((trade) => trade.value === value);
}
