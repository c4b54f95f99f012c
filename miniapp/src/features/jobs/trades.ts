import { TRADES } from '@/common/trades';

/** Trades offered as filter chips (see src/common/trades.ts). */
export const TRADE_FILTERS = TRADES;
