/**
 * The common trades (工种) by code. A job's or course's `trade` is the Chinese name staff type; where it is one of
 * these, workers see it in their language through the catalog key `trade.<code>`; any other name shows as typed.
 */
export const Trades = [
  { code: 'generalWorker', zh: '普工' },
  { code: 'welder', zh: '电焊工' },
  { code: 'housekeeping', zh: '家政服务员' },
  { code: 'elderCare', zh: '养老护理员' },
  { code: 'cleaner', zh: '保洁员' },
  { code: 'sorter', zh: '分拣员' },
  { code: 'pastry', zh: '中式面点师' },
  { code: 'mason', zh: '砌筑工' },
  { code: 'scaffolder', zh: '架子工' },
  { code: 'formwork', zh: '模板工' },
  { code: 'rebar', zh: '钢筋工' },
  { code: 'carpenter', zh: '木工' },
  { code: 'constructionLaborer', zh: '建筑普工' },
  { code: 'sewing', zh: '缝纫工' },
  { code: 'textile', zh: '纺织工' },
  { code: 'roomAttendant', zh: '客房服务员' },
  { code: 'securityGuard', zh: '保安员' },
  { code: 'forkliftDriver', zh: '叉车司机' },
  { code: 'loader', zh: '装卸工' },
  { code: 'qualityInspector', zh: '质检员' },
  { code: 'livestock', zh: '养殖工' },
  { code: 'planting', zh: '种植工' },
  { code: 'forestRanger', zh: '护林员' },
  { code: 'roadMaintenance', zh: '道路养护员' },
  { code: 'patrol', zh: '巡查员' },
  { code: 'naanBaker', zh: '馕制作' },
  { code: 'barbecue', zh: '特色烧烤' },
  { code: 'ecommerce', zh: '电商' },
] as const;

export type TradeCode = (typeof Trades)[number]['code'];
export type TradeKey = `trade.${TradeCode}`;

/** The code of a trade by its Chinese name ("电焊工" → welder); null for a name not in the list. */
export function tradeCodeOf(name: string): TradeCode | null {
  const trimmed = name.trim();
  return Trades.find((t) => t.zh === trimmed)?.code ?? null;
}

/** The catalog key of a trade by its Chinese name, or null (then show the name as typed). */
export function tradeKeyOf(name: string): TradeKey | null {
  const code = tradeCodeOf(name);
  return code ? `trade.${code}` : null;
}
