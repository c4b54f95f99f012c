import type { MessageKey } from '@/i18n';

/**
 * Trades offered as filter chips. `value` is what the API's `trade` filter matches
 * (the trade names the seeds use); the label goes through i18n.
 */
export const TRADE_FILTERS: ReadonlyArray<{ value: string; labelKey: MessageKey }> = [
  { value: '电焊工', labelKey: 'trades.welder' },
  { value: '钢筋工', labelKey: 'trades.rebar' },
  { value: '砌筑工', labelKey: 'trades.mason' },
  { value: '模板工', labelKey: 'trades.formwork' },
  { value: '架子工', labelKey: 'trades.scaffolder' },
  { value: '缝纫工', labelKey: 'trades.sewing' },
  { value: '家政服务', labelKey: 'trades.housekeeping' },
  { value: '电商', labelKey: 'trades.ecommerce' },
  { value: '中式面点', labelKey: 'trades.pastry' },
  { value: '种养殖', labelKey: 'trades.farming' },
];
