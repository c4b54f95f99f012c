/** Adding one missing item after filing (补充材料): the form values per item and the API body. */
import { ComplaintSupplementSchema, fieldMessages, messageKeyErrorMap, type ComplaintSupplementInput, type Region, type SupplementItem } from '@zhuanyi/shared';

export const SUPPLEMENT_ITEMS: readonly SupplementItem[] = ['respondentPhone', 'projectName', 'projectSite', 'mainContractor', 'workPeriod', 'amountOwed', 'bankCard'];

export interface SupplementValues {
  phone: string;
  name: string;
  regionPath: Region[];
  address: string;
  from: string;
  to: string;
  amountYuan: string;
  cardNumber: string;
  bankName: string;
}

export const EMPTY_SUPPLEMENT: SupplementValues = { phone: '', name: '', regionPath: [], address: '', from: '', to: '', amountYuan: '', cardNumber: '', bankName: '' };

export const isSupplementItem = (code: string): code is SupplementItem => (SUPPLEMENT_ITEMS as readonly string[]).includes(code);

export function toSupplementInput(item: SupplementItem, v: SupplementValues): ComplaintSupplementInput {
  switch (item) {
    case 'respondentPhone':
      return { item, phone: v.phone.trim() };
    case 'projectName':
    case 'mainContractor':
      return { item, name: v.name };
    case 'projectSite':
      return { item, regionCode: v.regionPath[v.regionPath.length - 1]?.code ?? '', address: v.address };
    case 'workPeriod':
      return { item, from: v.from, to: v.to };
    case 'amountOwed':
      return { item, amountOwedYuan: v.amountYuan.trim() };
    case 'bankCard':
      return { item, bankCard: { cardNumber: v.cardNumber, bankName: v.bankName } };
  }
}

/** Field → message, keyed by the last part of the API path ('bankCard.cardNumber' → cardNumber). */
export function supplementErrors(fields: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(fields)) {
    const field = path.split('.').pop() || 'form';
    if (!(field in out)) out[field] = text;
  }
  return out;
}

export function checkSupplement(item: SupplementItem, v: SupplementValues): { ok: true; input: ComplaintSupplementInput } | { ok: false; errors: Record<string, string> } {
  const input = toSupplementInput(item, v);
  const parsed = ComplaintSupplementSchema.safeParse(input, { error: messageKeyErrorMap });
  return parsed.success ? { ok: true, input } : { ok: false, errors: supplementErrors(fieldMessages(parsed.error.issues)) };
}
