/**
 * Words a keyword search understands beyond the posting's own text (job-search.ts):
 * - everyday words (everyday-words.json, data to edit): 工地 stands for 建筑, 施工, 钢筋 …; a job
 *   holding any of them carries the key's token, and a search term equal to the key asks for it;
 * - pinyin initials of the trade (电焊工 → dhg, and its first 2+ letters as one types) and the
 *   latin words of the text (CNC, CAD), as tokens a latin search term asks for.
 * Tokens are longer than two characters with a prefix, so they never equal a text gram.
 */
import { createHash } from 'node:crypto';
import { pinyin } from 'pinyin-pro';
import table from './everyday-words.json';

const everyday = new Map<string, string[]>(Object.entries(table as Record<string, string | string[]>).filter((e): e is [string, string[]] => Array.isArray(e[1])));

/** Changes whenever the table or the token rules change: jobs with another version get their fields again. */
export const SEARCH_WORDS_VERSION = createHash('sha256').update(JSON.stringify([...everyday])).update('tokens-v1').digest('hex').slice(0, 12);

const wordToken = (key: string): string => `w:${key}`;
const latinToken = (letters: string): string => `py:${letters}`;

/** The token a search term asks for instead of its text, or null for an ordinary term (already normalized). */
export function termToken(term: string): string | null {
  if (everyday.has(term)) return wordToken(term);
  if (/^[a-z]{2,}$/.test(term)) return latinToken(term);
  return null;
}

/** Every prefix of 2+ letters (as one types), up to the whole. */
function prefixes(letters: string, out: Set<string>): void {
  for (let n = 2; n <= letters.length; n += 1) out.add(latinToken(letters.slice(0, n)));
}

/** The tokens of a job: everyday words its normalized searchable text holds, pinyin initials of its trade, the text's latin words. */
export function jobTokens(text: string, trade: string): string[] {
  const out = new Set<string>();
  for (const [key, words] of everyday) if (words.some((w) => text.includes(w))) out.add(wordToken(key));
  const initials = pinyin(trade.replace(/[^\u4e00-\u9fff]/g, ''), { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
  if (initials.length >= 2) prefixes(initials, out);
  for (const word of text.match(/[a-z]{2,}/g) ?? []) prefixes(word, out);
  return [...out];
}
