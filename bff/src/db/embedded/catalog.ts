import type { Document } from 'bson';
import { CommandError, fail } from './errors';
import { defaultIndexName } from './indexes';
import { Collection, type CollectionHooks } from './storage/collection';
import { isTextKey, normalizeTextIndex } from './text/spec';

/** A change to durable state, as written to the journal and replayed on start. */
export type JournalOp =
  | { o: 'c'; ns: string; opts: Document }
  | { o: 'D'; ns: string }
  | { o: 'X'; db: string }
  | { o: 'ci'; ns: string; spec: Document }
  | { o: 'di'; ns: string; name: string }
  | { o: 'i'; ns: string; d: Document }
  | { o: 'u'; ns: string; d: Document }
  | { o: 'd'; ns: string; id: unknown }
  | { o: 'r'; from: string; to: string }
  /** A transaction's commit: its writes as one record, so a torn commit is dropped whole. */
  | { o: 't'; ops: JournalOp[] };

export interface OpSink {
  log(op: JournalOp): void;
}

export function splitNs(ns: string): [string, string] {
  const dot = ns.indexOf('.');
  return [ns.slice(0, dot), ns.slice(dot + 1)];
}

export function validateCollectionName(db: string, name: unknown): string {
  if (typeof name !== 'string') fail('InvalidNamespace', `collection name has invalid type ${typeof name}`);
  if (name.length === 0 || name.includes('\0') || name.startsWith('.') || name.includes('$')) {
    fail('InvalidNamespace', `Invalid namespace specified '${db}.${name}'`);
  }
  return name;
}

export function validateDbName(db: string): void {
  if (db.length === 0 || /[/\\. "$\0]/.test(db) || db.length > 63) {
    fail('InvalidNamespace', `Invalid database name: '${db}'`);
  }
}

/** The databases, their collections and index definitions. */
export class Catalog {
  readonly dbs = new Map<string, Map<string, Collection>>();

  constructor(
    private readonly hooks: CollectionHooks,
    private readonly sink: OpSink,
  ) {}

  get(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  getNs(ns: string): Collection | undefined {
    const [db, name] = splitNs(ns);
    return this.get(db, name);
  }

  *all(): Generator<Collection> {
    for (const colls of this.dbs.values()) yield* colls.values();
  }

  create(db: string, name: string, opts: Document = {}): Collection {
    validateDbName(db);
    validateCollectionName(db, name);
    let colls = this.dbs.get(db);
    if (!colls) {
      colls = new Map();
      this.dbs.set(db, colls);
    }
    const existing = colls.get(name);
    if (existing) return existing;
    const coll = new Collection(db, name, opts, this.hooks);
    colls.set(name, coll);
    this.sink.log({ o: 'c', ns: coll.ns, opts });
    return coll;
  }

  ensure(db: string, name: string): Collection {
    return this.get(db, name) ?? this.create(db, name);
  }

  drop(db: string, name: string): boolean {
    const colls = this.dbs.get(db);
    if (!colls?.has(name)) return false;
    colls.delete(name);
    if (colls.size === 0) this.dbs.delete(db);
    this.sink.log({ o: 'D', ns: `${db}.${name}` });
    return true;
  }

  dropDatabase(db: string): void {
    if (!this.dbs.has(db)) return;
    this.dbs.delete(db);
    this.sink.log({ o: 'X', db });
  }

  rename(from: string, to: string, dropTarget: boolean): void {
    const [fdb, fname] = splitNs(from);
    const [tdb, tname] = splitNs(to);
    const coll = this.get(fdb, fname);
    if (!coll) fail('NamespaceNotFound', 'Source collection does not exist');
    validateCollectionName(tdb, tname);
    if (this.get(tdb, tname)) {
      if (!dropTarget) fail('NamespaceExists', 'target namespace exists');
      this.drop(tdb, tname);
    }
    this.dbs.get(fdb)?.delete(fname);
    if (this.dbs.get(fdb)?.size === 0) this.dbs.delete(fdb);
    coll.db = tdb;
    coll.name = tname;
    let colls = this.dbs.get(tdb);
    if (!colls) {
      colls = new Map();
      this.dbs.set(tdb, colls);
    }
    colls.set(tname, coll);
    this.sink.log({ o: 'r', from, to });
  }

  /** Creates an index unless an identical one exists; mirrors mongod's conflict errors. */
  createIndex(coll: Collection, given: Document): boolean {
    let specIn = given;
    let key = specIn.key;
    if (!key || typeof key !== 'object' || Array.isArray(key) || Object.keys(key as Document).length === 0) {
      fail('CannotCreateIndex', "Index key pattern must be a non-empty object");
    }
    for (const [f, v] of Object.entries(key as Document)) {
      const ok = (typeof v === 'number' && v !== 0) || ['text', '2dsphere', '2d', 'hashed'].includes(String(v));
      if (!ok || f === '') fail('CannotCreateIndex', `Values in the index key pattern can contain only non-zero numbers or the strings "text", "2dsphere", "2d" or "hashed": ${f}: ${String(v)}`);
    }
    if (isTextKey(key)) {
      // Stored as mongod stores it: {_fts: 'text', _ftsx: 1} plus weights and languages.
      specIn = normalizeTextIndex({ ...specIn, name: specIn.name ?? defaultIndexName(key as Document) });
      key = specIn.key;
      checkOneTextIndex(coll, specIn);
    }
    const spec: Document = { v: 2, key, name: specIn.name ?? defaultIndexName(key as Document) };
    for (const [k, v] of Object.entries(specIn)) {
      if (k !== 'key' && k !== 'name' && k !== 'v' && k !== 'background') spec[k] = v;
    }
    if (typeof spec.name !== 'string' || spec.name === '') fail('CannotCreateIndex', 'index name must be a non-empty string');
    // mongod records the 2dsphere version it builds (3) in the spec.
    if (Object.values(key as Document).includes('2dsphere') && spec['2dsphereIndexVersion'] === undefined) spec['2dsphereIndexVersion'] = 3;
    const sameKey = [...coll.indexes.values()].find((i) => JSON.stringify(i.spec.key) === JSON.stringify(key));
    const sameName = coll.indexes.get(spec.name as string);
    if (sameName) {
      if (JSON.stringify(sameName.spec.key) !== JSON.stringify(key)) {
        fail('IndexKeySpecsConflict', `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`);
      }
      if (!sameOptions(sameName.spec, spec)) {
        fail('IndexOptionsConflict', `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`);
      }
      return false;
    }
    if (sameKey && !spec.partialFilterExpression && !sameKey.spec.partialFilterExpression) {
      fail('IndexOptionsConflict', `Index already exists with a different name: ${sameKey.name}`);
    }
    if (spec.name === '_id_') fail('BadValue', 'The index name \'_id_\' is reserved for the _id index');
    try {
      coll.addIndex(spec);
    } catch (err) {
      if (err instanceof CommandError && err.code === 11000) {
        throw new CommandError(11000, 'DuplicateKey', `Index build failed: ${coll.uuid.toHexString()}: Collection ${coll.ns} ( ${coll.uuid.toHexString()} ) :: caused by :: ${err.message}`, err.extra);
      }
      throw err;
    }
    this.sink.log({ o: 'ci', ns: coll.ns, spec });
    return true;
  }

  dropIndex(coll: Collection, name: string): void {
    if (name === '_id_') fail('InvalidOptions', 'cannot drop _id index');
    if (!coll.indexes.delete(name)) fail('IndexNotFound', `index not found with name [${name}]`);
    this.sink.log({ o: 'di', ns: coll.ns, name });
  }
}

function sameOptions(a: Document, b: Document): boolean {
  const pick = (s: Document): string =>
    JSON.stringify({
      unique: s.unique === true,
      sparse: s.sparse === true,
      partial: s.partialFilterExpression ?? null,
      ttl: s.expireAfterSeconds ?? null,
      collation: s.collation ?? null,
      text: s.textIndexVersion ? [s.weights, s.default_language, s.language_override] : null,
    });
  return pick(a) === pick(b);
}

/** A collection has at most one text index (manual: "Text Indexes", restrictions). */
function checkOneTextIndex(coll: Collection, spec: Document): void {
  const existing = [...coll.indexes.values()].find((i) => i.fields.includes('_fts'));
  if (!existing || existing.name === spec.name) return;
  if (JSON.stringify(existing.spec.key) === JSON.stringify(spec.key)) {
    fail('IndexOptionsConflict', `An equivalent index already exists with a different name and options. Requested index: ${JSON.stringify({ v: 2, ...spec })}, existing index: ${JSON.stringify(existing.spec)}`);
  }
  fail('IndexOptionsConflict', `only one text index per collection allowed, found existing text index "${existing.name}"`);
}
