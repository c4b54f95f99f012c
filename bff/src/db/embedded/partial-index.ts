import type { Document } from 'bson';
import { isDeepStrictEqual } from 'node:util';
import { engineQuery } from './mingo-context';
import type { Index } from './indexes';
import { isPlainObject } from './paths';

/** Top-level conditions of a filter, with `$and` flattened: field → conditions on it. */
function conditions(filter: Document): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const add = (f: Document) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) v.forEach((c) => isPlainObject(c) && add(c as Document));
      else if (!k.startsWith('$')) out.set(k, [...(out.get(k) ?? []), v]);
    }
  };
  add(filter);
  return out;
}

/** A condition that pins the field to one value (`x: 5` or `x: {$eq: 5}`), or undefined. */
function pinnedValue(cond: unknown): { value: unknown } | undefined {
  if (!isPlainObject(cond)) return Array.isArray(cond) ? undefined : { value: cond };
  const keys = Object.keys(cond as Document);
  if (keys.length === 1 && keys[0] === '$eq') return { value: (cond as Document).$eq };
  if (keys.some((k) => k.startsWith('$'))) return undefined;
  return { value: cond };
}

type Test = { test(doc: Document): boolean };
const tests = new WeakMap<Index, Map<string, Test>>();

function conditionTest(index: Index, field: string, cond: unknown): Test {
  let byKey = tests.get(index);
  if (!byKey) tests.set(index, (byKey = new Map()));
  const key = JSON.stringify([field, cond]);
  let t = byKey.get(key);
  if (!t) byKey.set(key, (t = engineQuery({ [field]: cond } as Document)));
  return t;
}

/**
 * Whether every document the filter matches is in the partial index, so the index may answer it (mongod
 * plans a partial index only then). Conservative: each field of the partial filter expression must be
 * either constrained by the query exactly as in the expression, or pinned by the query to a value
 * that satisfies the expression's condition on that field.
 */
export function partialIndexServes(index: Index, filter: Document): boolean {
  const pfe = index.spec.partialFilterExpression as Document | undefined;
  if (!pfe) return true;
  const query = conditions(filter);
  let ok = true;
  for (const [field, wanted] of conditions(pfe)) {
    const have = query.get(field) ?? [];
    for (const cond of wanted) {
      if (have.some((h) => isDeepStrictEqual(h, cond))) continue;
      if (field.includes('.')) {
        ok = false;
        break;
      }
      const test = conditionTest(index, field, cond);
      if (!have.some((h) => {
        const pinned = pinnedValue(h);
        return pinned !== undefined && test.test({ [field]: pinned.value });
      })) {
        ok = false;
        break;
      }
    }
    if (!ok) break;
  }
  return ok;
}
