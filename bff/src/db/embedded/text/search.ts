import type { Document } from 'bson';
import { compareBson } from '../bson-order';
import { CommandError, fail } from '../errors';
import type { Index } from '../indexes';
import { isPlainObject } from '../paths';
import { compileFilter, project, sortKey, withCollation, type ExecStats, type FindOptions, type Match, type ReadView } from '../query';
import type { Collection } from '../storage/collection';
import { checkLanguage, fold, INSENSITIVE, terms, type Folding } from './language';
import { docTermScores, textIndexInfo, weightedStrings, type TextIndexInfo } from './spec';

/** A parsed `$text` query (manual: "$text"): terms are OR'ed, phrases AND'ed, negations exclude. */
export interface TextQuery {
  search: string;
  language: string;
  folding: Folding;
  /** Stemmed terms under the query's folding; `boundsTerms` are the same folded for the index. */
  terms: string[];
  boundsTerms: string[];
  negatedTerms: string[];
  phrases: string[];
  negatedPhrases: string[];
}

const scores = new WeakMap<Document, number>();

/** The text score of a document a $text query returned (`{$meta: 'textScore'}`). */
export function textScoreOf(doc: Document): number | undefined {
  return scores.get(doc);
}

export function hasText(filter: Document): boolean {
  return Object.prototype.hasOwnProperty.call(filter, '$text');
}

export function textIndexOf(coll: Collection): Index | undefined {
  for (const index of coll.indexes.values()) if (index.fields.includes('_fts')) return index;
  return undefined;
}

export function parseTextQuery(expr: unknown, info: TextIndexInfo): TextQuery {
  if (!isPlainObject(expr)) fail('BadValue', '$text expects an object');
  for (const k of Object.keys(expr)) {
    if (!['$search', '$language', '$caseSensitive', '$diacriticSensitive'].includes(k)) fail('BadValue', `extra fields in $text: ${k}`);
  }
  const search: unknown = expr.$search;
  if (typeof search !== 'string') fail('BadValue', '$search required and must be a string');
  const language = expr.$language === undefined ? info.defaultLanguage : checkLanguage(expr.$language);
  for (const k of ['$caseSensitive', '$diacriticSensitive']) {
    if (expr[k] !== undefined && typeof expr[k] !== 'boolean') fail('BadValue', `${k} requires a boolean value`);
  }
  const folding: Folding = { caseSensitive: expr.$caseSensitive === true, diacriticSensitive: expr.$diacriticSensitive === true };
  return parseSearch(search, language, folding);
}

/**
 * mongod's $search parser: words are terms; "quoted text" is a phrase whose words are terms too; a `-` after
 * whitespace (or first) negates the following word, and the words joined to it without whitespace, or a
 * phrase. Negated terms add nothing to the bounds.
 */
export function parseSearch(search: string, language: string, folding: Folding): TextQuery {
  const q: TextQuery = { search, language, folding, terms: [], boundsTerms: [], negatedTerms: [], phrases: [], negatedPhrases: [] };
  const addTerms = (word: string, negated: boolean): void => {
    for (const t of terms(word, language, folding)) {
      const list = negated ? q.negatedTerms : q.terms;
      if (!list.includes(t)) list.push(t);
    }
    if (!negated) for (const t of terms(word, language, INSENSITIVE)) if (!q.boundsTerms.includes(t)) q.boundsTerms.push(t);
  };
  const token = /"|-|[\p{L}\p{N}\p{M}]+|\s+|[^\p{L}\p{N}\p{M}\s"-]+/gu;
  let prevWhitespace = true;
  let negation = false;
  let inPhrase = false;
  let phraseStart = 0;
  let phraseNegated = false;
  for (let m = token.exec(search); m; m = token.exec(search)) {
    const t = m[0];
    if (t === '"') {
      if (inPhrase) {
        const phrase = search.slice(phraseStart, m.index);
        if (phrase.trim() !== '') (phraseNegated ? q.negatedPhrases : q.phrases).push(phrase);
        inPhrase = false;
        negation = false;
      } else {
        inPhrase = true;
        phraseStart = m.index + 1;
        phraseNegated = negation;
      }
      prevWhitespace = false;
    } else if (t === '-') {
      if (!inPhrase && prevWhitespace) negation = true;
      prevWhitespace = false;
    } else if (/^\s+$/u.test(t)) {
      prevWhitespace = true;
    } else if (/^[\p{L}\p{N}\p{M}]+$/u.test(t)) {
      if (!(inPhrase && phraseNegated)) {
        if (negation && !inPhrase && prevWhitespace) negation = false;
        addTerms(t, negation && !inPhrase);
      }
      prevWhitespace = false;
    } else prevWhitespace = false;
  }
  if (inPhrase) {
    const phrase = search.slice(phraseStart);
    if (phrase.trim() !== '') (phraseNegated ? q.negatedPhrases : q.phrases).push(phrase);
  }
  return q;
}

/**
 * The document's score for the query, or null when it does not match: at least one term (under the query's
 * case and diacritic sensitivity), no negated term, every phrase and no negated phrase. The score adds the
 * document's scores of the query terms it holds, as mongod's TEXT_OR does.
 */
export function scoreDocument(q: TextQuery, info: TextIndexInfo, doc: Document): number | null {
  const insensitive = !q.folding.caseSensitive && !q.folding.diacriticSensitive;
  const own = docTermScores(info, doc);
  let score = 0;
  let hit = false;
  for (const t of q.boundsTerms) {
    const s = own.get(t);
    if (s !== undefined) {
      score += s;
      hit = true;
    }
  }
  if (!hit) return null;
  const docTerms = insensitive ? own : docTermScores(info, doc, q.folding);
  if (!insensitive && !q.terms.some((t) => docTerms.has(t))) return null;
  if (q.negatedTerms.some((t) => docTerms.has(t))) return null;
  if (q.phrases.length > 0 || q.negatedPhrases.length > 0) {
    const texts = weightedStrings(info, doc).map(([s]) => fold(s, q.folding));
    const has = (p: string): boolean => {
      const want = fold(p, q.folding);
      return texts.some((s) => s.includes(want));
    };
    if (!q.phrases.every(has) || q.negatedPhrases.some(has)) return null;
  }
  return score;
}

/** The equality a compound text index's prefix field needs in the filter. */
function prefixValue(filter: Document, field: string): unknown {
  const v: unknown = filter[field];
  if (v === undefined || (isPlainObject(v) && !('$eq' in v && Object.keys(v).length === 1))) {
    throw new CommandError(291, 'NoQueryExecutionPlans', 'error processing query: planner returned error :: caused by :: failed to use text index to satisfy $text query (if text index is compound, are equality predicates given for all prefix fields?)');
  }
  return isPlainObject(v) ? v.$eq : v;
}

/** Record ids under (prefix, term) in the text index, and how many keys were read. */
function lookup(index: Index, prefix: unknown[], term: string): { rids: number[]; keys: number } {
  const want = [...prefix, term];
  const n = want.length;
  const cmp = (e: unknown[]): number => {
    for (let i = 0; i < n; i++) {
      const c = compareBson(e[i], want[i]) * (index.dirs[i] as number);
      if (c !== 0) return c;
    }
    return 0;
  };
  const rids: number[] = [];
  let keys = 0;
  for (const e of index.list.iterate(index.list.seek((x) => cmp(x) >= 0), 1)) {
    if (cmp(e) !== 0) break;
    // mongod's keys include the record id: one key per record.
    for (const rid of index.ridsOf(e)) {
      keys++;
      rids.push(rid);
    }
  }
  return { rids, keys };
}

/** A find with `$text`: candidates from the text index, the rest of the filter, then sort, skip and limit. */
export function textMatches(coll: Collection | undefined, filter: Document, optsIn: FindOptions, view: ReadView, stats?: ExecStats): Match[] {
  const opts = withCollation(coll, optsIn);
  const { $text: expr, ...rest } = filter;
  const matcher = Object.keys(rest).length > 0 ? compileFilter(rest, opts.collation, opts.let) : null;
  if (!coll) return [];
  const index = textIndexOf(coll);
  if (!index) throw new CommandError(27, 'IndexNotFound', 'text index required for $text query');
  const info = textIndexInfo(index.spec);
  const q = parseTextQuery(expr, info);
  const prefix = info.prefix.map((f) => prefixValue(rest, f));
  const candidates = new Set<number>();
  let keysExamined = 0;
  for (const t of q.boundsTerms) {
    const r = lookup(index, prefix, t);
    keysExamined += r.keys;
    for (const rid of r.rids) candidates.add(rid);
  }
  // A transaction's own writes and history are not in the index: they are checked document by document.
  for (const rid of view.extra(coll)) candidates.add(rid);
  const out: Match[] = [];
  let docsExamined = 0;
  for (const rid of [...candidates].sort((a, b) => a - b)) {
    const doc = view.doc(coll, rid);
    if (!doc) continue;
    docsExamined++;
    if (matcher && !matcher.test(doc)) continue;
    const score = scoreDocument(q, info, doc);
    if (score === null) continue;
    scores.set(doc, score);
    out.push({ rid, doc });
  }
  if (opts.sort && Object.keys(opts.sort).length > 0) sortWithScore(out, opts.sort);
  const skip = Math.max(0, opts.skip ?? 0);
  const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
  if (stats) {
    stats.index = null;
    stats.keysExamined = keysExamined;
    stats.docsExamined = docsExamined;
    stats.sortedByIndex = false;
    stats.text = textPlan(index, info, q, rest);
  }
  return out.slice(skip, skip + limit);
}

/** explain's winning plan for a $text query, shaped as mongod's (TEXT_MATCH over TEXT_OR over IXSCANs). */
function textPlan(index: Index, info: TextIndexInfo, q: TextQuery, rest: Document): Document {
  const ixscans = q.boundsTerms.map((t) => ({
    stage: 'IXSCAN',
    keyPattern: index.spec.key,
    indexName: index.name,
    isMultiKey: true,
    isUnique: false,
    isSparse: false,
    isPartial: index.isPartial,
    indexVersion: 2,
    direction: 'backward',
    indexBounds: {},
    term: t,
  }));
  const or: Document = { stage: 'TEXT_OR', inputStages: ixscans };
  if (Object.keys(rest).length > 0) or.filter = rest;
  return {
    stage: 'TEXT_MATCH',
    indexPrefix: Object.fromEntries(info.prefix.map((f) => [f, rest[f]])),
    indexName: index.name,
    parsedTextQuery: { terms: [...q.terms].sort(), negatedTerms: [...q.negatedTerms].sort(), phrases: q.phrases, negatedPhrases: q.negatedPhrases },
    textIndexVersion: 3,
    inputStage: or,
  };
}

function isScoreMeta(v: unknown): boolean {
  return isPlainObject(v) && Object.keys(v).length === 1 && v.$meta === 'textScore';
}

function needScore(doc: Document): number {
  const s = scores.get(doc);
  if (s === undefined) throw new CommandError(40218, 'Location40218', 'query requires text score metadata, but it is not available');
  return s;
}

/** Sorts by `{$meta: 'textScore'}` (highest first, as mongod) and ordinary keys. */
export function sortWithScore(out: Match[], sort: Document): void {
  const keys = Object.entries(sort).map(([k, d]) => ({ k, meta: isScoreMeta(d), dir: Number(d) < 0 ? -1 : 1 }));
  for (const key of keys) {
    if (!key.meta && isPlainObject(sort[key.k])) fail('BadValue', `$meta sort by '${String((sort[key.k] as Document).$meta)}' is not supported`);
  }
  const keyed = out.map((m) => ({ m, vals: keys.map((key) => (key.meta ? needScore(m.doc) : sortKey(m.doc, key.k, key.dir))) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as (typeof keys)[number];
      const c = key.meta ? (b.vals[i] as number) - (a.vals[i] as number) : compareBson(a.vals[i], b.vals[i]) * key.dir;
      if (c !== 0) return c;
    }
    return 0;
  });
  out.splice(0, out.length, ...keyed.map((x) => x.m));
}

export function hasScoreProjection(projection: Document | undefined): boolean {
  return !!projection && Object.values(projection).some(isScoreMeta);
}

export function hasScoreSort(sort: Document | undefined): boolean {
  return !!sort && Object.values(sort).some(isScoreMeta);
}

/** A find projection with `{$meta: 'textScore'}` fields: the rest projects as usual, the scores are added last. */
export function projectWithScore(docs: Document[], projection: Document, filter: Document, collation?: Document): Document[] {
  const metas = Object.keys(projection).filter((k) => isScoreMeta(projection[k]));
  const rest: Document = {};
  for (const [k, v] of Object.entries(projection)) if (!metas.includes(k)) rest[k] = v;
  return docs.map((doc) => {
    const score = needScore(doc);
    const [shaped] = project([doc], rest, filter, collation);
    const out: Document = { ...(shaped as Document) };
    for (const k of metas) out[k] = score;
    return out;
  });
}
