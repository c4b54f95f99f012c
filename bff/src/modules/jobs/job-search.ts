/**
 * Chinese keyword search without a word segmenter: each searchable field is cut into character
 * bigrams (plus single characters of the short fields, for one-character queries) and stored in
 * an indexed array. A query needs every bigram of every term ($all, one of them looked up in the
 * index), then a substring check confirms the match, so "电焊" finds "招聘熟练电焊工".
 */

/** NFKC (full-width → half-width), lower case, no whitespace. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Long fields only contribute their first characters. */
const LONG_FIELD_CHARS = 120;

function bigramsOf(chars: readonly string[], out: Set<string>): void {
  for (let i = 0; i + 1 < chars.length; i += 1) out.add(`${chars[i]}${chars[i + 1]}`);
}

/** The index terms of a job's searchable fields: bigrams of all, single characters of the short ones. */
export function searchGramsOf(fields: { short: readonly string[]; long: readonly string[] }): string[] {
  const out = new Set<string>();
  for (const f of fields.short) {
    const chars = Array.from(normalizeSearchText(f));
    for (const c of chars) out.add(c);
    bigramsOf(chars, out);
  }
  for (const f of fields.long) bigramsOf(Array.from(normalizeSearchText(f)).slice(0, LONG_FIELD_CHARS), out);
  return [...out];
}

export interface KeywordQuery {
  /** Every gram a matching job must have. */
  grams: string[];
  /** The terms (space-separated words) each field text is checked for. */
  terms: string[];
}

/** Terms of a query ("上海 电焊" → two terms) and the grams they need; null when nothing is searchable. */
export function keywordQuery(q: string): KeywordQuery | null {
  const terms = q
    .normalize('NFKC')
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .slice(0, 5);
  if (terms.length === 0) return null;
  const grams = new Set<string>();
  for (const t of terms) {
    const chars = Array.from(t);
    if (chars.length === 1) grams.add(chars[0] as string);
    else bigramsOf(chars, grams);
  }
  return { grams: [...grams], terms };
}
