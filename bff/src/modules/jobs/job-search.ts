/**
 * Chinese keyword search without a word segmenter: each searchable field is cut into character
 * bigrams (plus single characters of the short fields, for one-character queries) and stored in
 * an indexed array; one gram of the query is looked up in that index. The match is then decided
 * on `searchText`, the same normalized text the grams come from: each term must stand in it
 * whole, so "电焊" finds "招聘熟练电焊工". A term found in searchText always has its grams
 * indexed, so whichever index a search walks, it finds the same jobs.
 * Everyday words (工地 → 建筑/施工 …) and pinyin initials (dhg → 电焊工) are tokens in the same
 * array (search-words/): such a term asks for its token alone.
 */
import { jobTokens, termToken } from './search-words';

/** NFKC (full-width → half-width), lower case, no whitespace or control characters. */
export function normalizeSearchText(text: string): string {
  // Control characters go too: searchText uses two of them as field marks.
  // eslint-disable-next-line no-control-regex
  return text.normalize('NFKC').toLowerCase().replace(/[\s\u0000-\u001f]+/g, '');
}

// searchText: the short fields, each followed by FIELD_END, then LONG_START and the long fields'
// indexed part, each followed by FIELD_END. Terms never hold these characters (normalized away),
// so no match spans two fields, and a one-character term can be held to the short fields.
const FIELD_END = '\u0001';
const LONG_START = '\u0002';

/** Long fields only contribute their first characters. */
const LONG_FIELD_CHARS = 120;

function bigramsOf(chars: readonly string[], out: Set<string>): void {
  for (let i = 0; i + 1 < chars.length; i += 1) out.add(`${chars[i]}${chars[i + 1]}`);
}

/** The index terms of a job's searchable fields: bigrams of all, single characters of the short ones, and its tokens (search-words/). */
export function searchGramsOf(fields: { short: readonly string[]; long: readonly string[] }, trade = ''): string[] {
  const out = new Set<string>(jobTokens(searchTextOf(fields), trade));
  for (const f of fields.short) {
    const chars = Array.from(normalizeSearchText(f));
    for (const c of chars) out.add(c);
    bigramsOf(chars, out);
  }
  for (const f of fields.long) bigramsOf(Array.from(normalizeSearchText(f)).slice(0, LONG_FIELD_CHARS), out);
  return [...out];
}

/** The normalized text a job's keyword matches are decided on (see the top of this file). */
export function searchTextOf(fields: { short: readonly string[]; long: readonly string[] }): string {
  const short = fields.short.map((f) => normalizeSearchText(f) + FIELD_END).join('');
  const long = fields.long.map((f) => Array.from(normalizeSearchText(f)).slice(0, LONG_FIELD_CHARS).join('') + FIELD_END).join('');
  return `${short}${LONG_START}${long}`;
}

export interface KeywordQuery {
  /** Every gram a matching job has indexed (one is looked up in the index). */
  grams: string[];
  /** The terms (space-separated words), normalized. */
  terms: string[];
  /** One pattern per term that searchText must match. */
  patterns: RegExp[];
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A term of one character is searched in the short fields only (only they index single characters). */
function termPattern(term: string): RegExp {
  return Array.from(term).length === 1 ? new RegExp(`^[^${LONG_START}]*${escapeRegex(term)}`) : new RegExp(escapeRegex(term));
}

/** Terms of a query ("上海 电焊" → two terms) and the grams they need; null when nothing is searchable. */
export function keywordQuery(q: string): KeywordQuery | null {
  const terms = q
    .split(/\s+/)
    .map(normalizeSearchText)
    .filter((t) => t.length > 0)
    .slice(0, 5);
  if (terms.length === 0) return null;
  const grams = new Set<string>();
  const textTerms: string[] = [];
  for (const t of terms) {
    const token = termToken(t);
    if (token) {
      grams.add(token);
      continue;
    }
    textTerms.push(t);
    const chars = Array.from(t);
    if (chars.length === 1) grams.add(chars[0] as string);
    else bigramsOf(chars, grams);
  }
  return { grams: [...grams], terms, patterns: textTerms.map(termPattern) };
}
