// An ambient declaration file has no runtime module to import; tests compile this file without bff's includes.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./snowball-stemmers.d.ts" />
import { newStemmer } from 'snowball-stemmers';
import { fail } from '../errors';

/**
 * Text search languages as mongod knows them (manual: "Text Search Languages"): the names and two-letter
 * codes map to Snowball stemmers, the algorithms mongod uses; "none" tokenizes without stemming or stop words.
 */
const LANGUAGES: Record<string, string | null> = {
  none: null,
  danish: 'danish', da: 'danish',
  dutch: 'dutch', nl: 'dutch',
  english: 'english', en: 'english',
  finnish: 'finnish', fi: 'finnish',
  french: 'french', fr: 'french',
  german: 'german', de: 'german',
  hungarian: 'hungarian', hu: 'hungarian',
  italian: 'italian', it: 'italian',
  norwegian: 'norwegian', nb: 'norwegian',
  portuguese: 'portuguese', pt: 'portuguese',
  romanian: 'romanian', ro: 'romanian',
  russian: 'russian', ru: 'russian',
  spanish: 'spanish', es: 'spanish',
  swedish: 'swedish', sv: 'swedish',
  turkish: 'turkish', tr: 'turkish',
};

/** mongod's English stop words (other languages stem but keep their stop words). */
const ENGLISH_STOP_WORDS = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below between both but by
  can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further had hadn't has hasn't
  have haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is
  isn't it it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves
  out over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves
  then there there's these they they'd they'll they're they've this those through to too under until up very was wasn't we we'd
  we'll we're we've were weren't what what's when when's where where's which while who who's whom why why's with won't would
  wouldn't you you'd you'll you're you've your yours yourself yourselves`.split(/\s+/),
);

export function isLanguage(name: unknown): name is string {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(LANGUAGES, name.toLowerCase());
}

/** The language's canonical name, or mongod's error for an unknown one. */
export function checkLanguage(name: unknown, what = 'language'): string {
  if (!isLanguage(name)) fail('BadValue', `unsupported ${what}: "${String(name)}"`);
  return name.toLowerCase();
}

/** How words are compared: mongod folds case and diacritics unless the query asks otherwise. */
export interface Folding {
  caseSensitive: boolean;
  diacriticSensitive: boolean;
}

export const INSENSITIVE: Folding = { caseSensitive: false, diacriticSensitive: false };

/** Case and diacritics folded as the folding asks (diacritics: Unicode marks after canonical decomposition). */
export function fold(s: string, f: Folding): string {
  let out = s;
  if (!f.diacriticSensitive) out = out.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
  if (!f.caseSensitive) out = out.toLowerCase();
  return out;
}

/** Words as mongod's text index version 3 splits them: runs of letters, digits and marks. */
export function words(s: string): string[] {
  return s.split(/[^\p{L}\p{N}\p{M}]+/u).filter((w) => w.length > 0);
}

type Stemmer = { stem(word: string): string };
const stemmers = new Map<string, Stemmer>();

function stemmerFor(language: string): Stemmer | null {
  const algorithm = LANGUAGES[language.toLowerCase()];
  if (!algorithm) return null;
  let s = stemmers.get(algorithm);
  if (!s) {
    s = newStemmer(algorithm);
    stemmers.set(algorithm, s);
  }
  return s;
}

/** The stem of a lower-cased word with the original word's case put back where their letters agree. */
function restoreCase(original: string, stem: string): string {
  const chars = [...original];
  return [...stem].map((ch, i) => (chars[i] !== undefined && chars[i].toLowerCase() === ch ? chars[i] : ch)).join('');
}

/**
 * The index terms of a string: words folded, stop words dropped, stemmed (none for language "none"). Stemming
 * works on the lower-cased word; a case-sensitive term keeps the word's own case.
 */
export function terms(s: string, language: string, f: Folding = INSENSITIVE): string[] {
  const stemmer = stemmerFor(language);
  const stops = LANGUAGES[language.toLowerCase()] === 'english' ? ENGLISH_STOP_WORDS : null;
  const lowerFolding: Folding = { caseSensitive: false, diacriticSensitive: f.diacriticSensitive };
  const out: string[] = [];
  for (const w of words(s)) {
    if (stops?.has(fold(w, INSENSITIVE))) continue;
    const lower = fold(w, lowerFolding);
    const stem = stemmer ? stemmer.stem(lower) : lower;
    out.push(f.caseSensitive ? restoreCase(fold(w, f), stem) : stem);
  }
  return out;
}
