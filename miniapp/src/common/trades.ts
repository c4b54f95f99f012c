import { tradeKeyOf, type LocaleCode } from '@zhuanyi/shared';
import { getLocale, tIn, type MessageKey } from '@/i18n';

/**
 * Trades offered as chips (job filters, registration, training). `value` is what the API's `trade`
 * matches (the trade names the BFF's jobs use, see bff/src/seed/demo-data.ts); label and the
 * one-character icon go through i18n (the labels are the shared `trade.<code>` keys). `tone` colours the icon.
 */
export interface TradeOption {
  value: string;
  labelKey: MessageKey;
  iconKey: MessageKey;
  tone: 'blue' | 'orange' | 'green' | 'purple' | 'teal';
}

export const TRADES: readonly TradeOption[] = [
  { value: '普工', labelKey: 'trade.generalWorker', iconKey: 'tradeIcons.generalWorker', tone: 'blue' },
  { value: '电焊工', labelKey: 'trade.welder', iconKey: 'tradeIcons.welder', tone: 'orange' },
  { value: '家政服务员', labelKey: 'trade.housekeeping', iconKey: 'tradeIcons.housekeeping', tone: 'green' },
  { value: '养老护理员', labelKey: 'trade.elderCare', iconKey: 'tradeIcons.elderCare', tone: 'purple' },
  { value: '保洁员', labelKey: 'trade.cleaner', iconKey: 'tradeIcons.cleaner', tone: 'teal' },
  { value: '分拣员', labelKey: 'trade.sorter', iconKey: 'tradeIcons.sorter', tone: 'blue' },
  { value: '中式面点师', labelKey: 'trade.pastry', iconKey: 'tradeIcons.pastry', tone: 'orange' },
  { value: '砌筑工', labelKey: 'trade.mason', iconKey: 'tradeIcons.mason', tone: 'green' },
  { value: '架子工', labelKey: 'trade.scaffolder', iconKey: 'tradeIcons.scaffolder', tone: 'purple' },
  { value: '模板工', labelKey: 'trade.formwork', iconKey: 'tradeIcons.formwork', tone: 'teal' },
];

export function tradeOption(value: string): TradeOption | undefined {
  return TRADES.find((trade) => trade.value === value);
}

/** A trade as the worker reads it: a known trade (shared `Trades`) in the current language, any other as typed. */
export function tradeLabel(trade: string, locale: LocaleCode = getLocale()): string {
  const key = tradeKeyOf(trade);
  return key ? tIn(locale, key) : trade;
}
