import type { Document } from 'bson';
import type { Query } from 'mingo/query';
import type { Writer } from './engine';
import { CommandError, fail, toCommandError } from './errors';
import { engineQuery } from './mingo-context';
import { isPlainObject } from './paths';
import { mingoOptions } from './query';
import type { Collection } from './storage/collection';
import { filterDetails } from './validation-details';

/**
 * Schema validation as mongod does it (manual: "Schema Validation"): a collection's `validator` (query
 * operators and/or `$jsonSchema`) is checked on every insert and update; `validationLevel` strict checks all
 * updates, moderate only updates of documents that were valid before, off none; `validationAction` error
 * refuses the write with code 121, warn lets it through; `bypassDocumentValidation` skips the check.
 */
const NOT_ALLOWED = ['$near', '$nearSphere', '$text', '$where', '$geoNear'];
const compiled = new WeakMap<Document, Query>();

function compile(validator: Document): Query {
  let q = compiled.get(validator);
  if (!q) {
    try {
      q = engineQuery(validator, mingoOptions());
    } catch (err) {
      throw toCommandError(err);
    }
    compiled.set(validator, q);
  }
  return q;
}

function findForbidden(v: unknown): string | null {
  if (Array.isArray(v)) {
    for (const e of v) {
      const hit = findForbidden(e);
      if (hit) return hit;
    }
  } else if (isPlainObject(v)) {
    for (const [k, e] of Object.entries(v)) {
      if (NOT_ALLOWED.includes(k)) return k;
      if (k === '$jsonSchema') continue;
      const hit = findForbidden(e);
      if (hit) return hit;
    }
  }
  return null;
}

/** Checks `create`/`collMod` validation options the way mongod does before storing them. */
export function checkValidationOptions(db: string, name: string, opts: Document): void {
  const { validator, validationLevel, validationAction } = opts;
  if (validator !== undefined) {
    if (!isPlainObject(validator)) fail('TypeMismatch', "BSON field 'validator' is the wrong type, expected type 'object'");
    if (Object.keys(validator).length > 0 && (['admin', 'local', 'config'].includes(db) || name.startsWith('system.'))) {
      fail('InvalidOptions', `Document validators not allowed on system collection ${db}.${name}`);
    }
    const forbidden = findForbidden(validator);
    if (forbidden) fail('BadValue', `${forbidden} is not allowed in collection validators`);
    compile(validator);
  }
  if (validationLevel !== undefined && !['off', 'strict', 'moderate'].includes(validationLevel as string)) {
    fail('BadValue', `Enumeration value '${String(validationLevel)}' for field 'validationLevel' is not a valid value.`);
  }
  if (validationAction !== undefined && !['error', 'warn', 'errorAndLog'].includes(validationAction as string)) {
    fail('BadValue', `Enumeration value '${String(validationAction)}' for field 'validationAction' is not a valid value.`);
  }
}

function activeValidator(coll: Collection): Document | null {
  const v: unknown = coll.options.validator;
  if (!isPlainObject(v) || Object.keys(v).length === 0 || coll.options.validationLevel === 'off') return null;
  return v;
}

/** Throws DocumentValidationFailure (121) when `doc` fails the collection's validator and the action is error. */
export function validateWrite(coll: Collection, doc: Document, before: Document | undefined): void {
  const validator = activeValidator(coll);
  if (!validator) return;
  const q = compile(validator);
  if (q.test(doc)) return;
  // moderate: documents that already failed may keep failing.
  if (before && coll.options.validationLevel === 'moderate' && !q.test(before)) return;
  if (coll.options.validationAction === 'warn') return;
  throw new CommandError(121, 'DocumentValidationFailure', 'Document failed validation', {
    errInfo: { failingDocumentId: doc._id, details: filterDetails(validator, doc) },
  });
}

/** A writer that validates inserted and replaced documents first (unless the command bypasses validation). */
export function validatingWriter(inner: Writer, bypass: boolean): Writer {
  if (bypass) return inner;
  return {
    view: inner.view,
    txn: inner.txn,
    insert: (coll, doc) => {
      validateWrite(coll, doc, undefined);
      inner.insert(coll, doc);
    },
    replace: (coll, rid, doc, kind) => {
      if (activeValidator(coll)) validateWrite(coll, doc, inner.view.doc(coll, rid));
      inner.replace(coll, rid, doc, kind);
    },
    remove: (coll, rid) => inner.remove(coll, rid),
  };
}
