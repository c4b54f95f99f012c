import type { Document } from 'bson';
import { engineQuery } from '../mingo-context';
import { validateCollectionName } from '../catalog';
import { fail, toCommandError } from '../errors';
import { isPlainObject } from '../paths';
import type { Collection } from '../storage/collection';
import { checkValidationOptions } from '../validation';
import { changeLog } from '../change-log';
import { collectionName, optionalDoc, type CommandContext } from './context';
import { collModTimeseriesTtl, createTimeseries, timeseriesInfos, timeseriesOf } from '../timeseries/collection';

function filterDocs(docs: Document[], filter: Document | undefined): Document[] {
  if (!filter || Object.keys(filter).length === 0) return docs;
  try {
    const q = engineQuery(filter);
    return docs.filter((d) => q.test(d));
  } catch (err) {
    throw toCommandError(err);
  }
}

export function create(ctx: CommandContext): Document {
  const name = collectionName(ctx);
  validateCollectionName(ctx.db, name);
  if (ctx.cmd.viewOn !== undefined) fail('InvalidOptions', 'views are not supported by the embedded engine');
  if (ctx.engine.catalog.get(ctx.db, name)) fail('NamespaceExists', `Collection ${ctx.db}.${name} already exists.`);
  const opts: Document = {};
  for (const [k, v] of Object.entries(ctx.cmd)) {
    if (k === 'create' || k.startsWith('$') || ['lsid', 'txnNumber', 'autocommit', 'startTransaction', 'writeConcern', 'comment', 'readConcern'].includes(k)) continue;
    opts[k] = v;
  }
  if (ctx.cmd.timeseries !== undefined) {
    createTimeseries(ctx.engine, ctx.db, name, ctx.cmd, opts);
    return { ok: 1 };
  }
  checkValidationOptions(ctx.db, name, opts);
  ctx.engine.catalog.create(ctx.db, name, opts);
  return { ok: 1 };
}

export function drop(ctx: CommandContext): Document {
  const name = collectionName(ctx);
  const coll = ctx.engine.catalog.get(ctx.db, name);
  if (!coll) return { ok: 1 };
  const nIndexesWas = coll.indexes.size;
  ctx.engine.cursors.killNs(coll.ns);
  ctx.engine.catalog.drop(ctx.db, name);
  changeLog(ctx.engine).record({ op: 'drop', ns: coll.ns }, null);
  return { nIndexesWas, ns: `${ctx.db}.${name}`, ok: 1 };
}

export function dropDatabase(ctx: CommandContext): Document {
  ctx.engine.cursors.killNs(ctx.db);
  const log = changeLog(ctx.engine);
  const names = [...(ctx.engine.catalog.dbs.get(ctx.db)?.keys() ?? [])];
  ctx.engine.catalog.dropDatabase(ctx.db);
  for (const n of names) log.record({ op: 'drop', ns: `${ctx.db}.${n}` }, null);
  if (names.length > 0) log.record({ op: 'dropDatabase', ns: `${ctx.db}.$cmd` }, null);
  return { dropped: ctx.db, ok: 1 };
}

export function renameCollection(ctx: CommandContext): Document {
  const from = ctx.cmd.renameCollection;
  const to = ctx.cmd.to;
  if (typeof from !== 'string' || typeof to !== 'string') fail('TypeMismatch', "'renameCollection' and 'to' must be strings");
  ctx.engine.catalog.rename(from, to, ctx.cmd.dropTarget === true);
  changeLog(ctx.engine).record({ op: 'rename', ns: from, to }, null);
  return { ok: 1 };
}

function collectionInfo(coll: Collection): Document {
  return {
    name: coll.name,
    type: 'collection',
    options: coll.options,
    info: { readOnly: false, uuid: coll.uuid },
    idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
  };
}

export function listCollections(ctx: CommandContext): Document {
  const colls = ctx.engine.catalog.dbs.get(ctx.db);
  let docs = colls ? [...colls.values()].flatMap((c) => (timeseriesOf(c) ? timeseriesInfos(c) : [collectionInfo(c)])) : [];
  docs = filterDocs(docs, optionalDoc(ctx.cmd, 'filter'));
  if (ctx.cmd.nameOnly === true) docs = docs.map((d) => ({ name: d.name, type: d.type }));
  const ns = `${ctx.db}.$cmd.listCollections`;
  const cursorOpt = optionalDoc(ctx.cmd, 'cursor');
  const batchSize = typeof cursorOpt?.batchSize === 'number' ? cursorOpt.batchSize : undefined;
  const first = ctx.engine.cursors.open(ns, docs, batchSize ?? Infinity, (b) => b, ctx.session?.key ?? null, false);
  return { cursor: { id: first.id, ns, firstBatch: first.batch }, ok: 1 };
}

function sizes(coll: Collection): { count: number; size: number } {
  return { count: coll.records.size, size: coll.records.dataSize };
}

export function listDatabases(ctx: CommandContext): Document {
  const names = new Set<string>(['admin', 'config', 'local', ...ctx.engine.catalog.dbs.keys()]);
  let docs: Document[] = [...names].sort().map((name) => {
    const colls = ctx.engine.catalog.dbs.get(name);
    let size = 0;
    for (const c of colls?.values() ?? []) size += sizes(c).size;
    return { name, sizeOnDisk: Math.max(size, 8192), empty: !colls || colls.size === 0 };
  });
  docs = filterDocs(docs, optionalDoc(ctx.cmd, 'filter'));
  if (ctx.cmd.nameOnly === true) return { databases: docs.map((d) => ({ name: d.name })), ok: 1 };
  const totalSize = docs.reduce((s, d) => s + (d.sizeOnDisk as number), 0);
  return { databases: docs, totalSize, totalSizeMb: Math.floor(totalSize / 1048576), ok: 1 };
}

export function createIndexes(ctx: CommandContext): Document {
  const name = collectionName(ctx);
  const specs: unknown = ctx.cmd.indexes;
  if (!Array.isArray(specs) || specs.length === 0) fail('BadValue', 'Must specify at least one index to create');
  const catalog = ctx.engine.catalog;
  const existed = catalog.get(ctx.db, name) !== undefined;
  const coll = catalog.ensure(ctx.db, name);
  const before = coll.indexes.size;
  let created = 0;
  for (const spec of specs) {
    if (!isPlainObject(spec)) fail('TypeMismatch', 'The indexes field must be an array of index specifications');
    if (spec.name !== undefined && typeof spec.name !== 'string') fail('TypeMismatch', "The field 'name' must be a string");
    if (catalog.createIndex(coll, spec)) created++;
  }
  const reply: Document = { numIndexesBefore: before, numIndexesAfter: coll.indexes.size, createdCollectionAutomatically: !existed };
  if (created === 0) reply.note = 'all indexes already exist';
  reply.ok = 1;
  return reply;
}

export function listIndexes(ctx: CommandContext): Document {
  const name = collectionName(ctx);
  const coll = ctx.engine.catalog.get(ctx.db, name);
  if (!coll) fail('NamespaceNotFound', `ns does not exist: ${ctx.db}.${name}`);
  // A time-series collection lists no _id index, as on mongod (its buckets are clustered by _id).
  const docs = [...coll.indexes.values()].filter((i) => !(timeseriesOf(coll) && i.name === '_id_')).map((i) => ({ ...i.spec }));
  const ns = `${ctx.db}.${name}`;
  const first = ctx.engine.cursors.open(ns, docs, Infinity, (b) => b, ctx.session?.key ?? null, false);
  return { cursor: { id: first.id, ns, firstBatch: first.batch }, ok: 1 };
}

export function dropIndexes(ctx: CommandContext): Document {
  const name = collectionName(ctx);
  const coll = ctx.engine.catalog.get(ctx.db, name);
  if (!coll) fail('NamespaceNotFound', `ns not found ${ctx.db}.${name}`);
  const nIndexesWas = coll.indexes.size;
  const which: unknown = ctx.cmd.index;
  const catalog = ctx.engine.catalog;
  if (which === '*') {
    for (const n of [...coll.indexes.keys()]) if (n !== '_id_') catalog.dropIndex(coll, n);
  } else if (typeof which === 'string') {
    catalog.dropIndex(coll, which);
  } else if (Array.isArray(which)) {
    for (const n of which) if (!coll.indexes.has(String(n))) fail('IndexNotFound', `index not found with name [${String(n)}]`);
    for (const n of which) catalog.dropIndex(coll, String(n));
  } else if (isPlainObject(which)) {
    const want = JSON.stringify(which);
    const index = [...coll.indexes.values()].find((i) => JSON.stringify(i.spec.key) === want);
    if (!index) fail('IndexNotFound', `can't find index with key: ${want}`);
    catalog.dropIndex(coll, index.name);
  } else {
    fail('TypeMismatch', "BSON field 'dropIndexes.index' is missing but a required field");
  }
  return { nIndexesWas, ok: 1 };
}

export function collMod(ctx: CommandContext): Document {
  const name = collectionName(ctx);
  const coll = ctx.engine.catalog.get(ctx.db, name);
  if (!coll) fail('NamespaceNotFound', `ns does not exist: ${ctx.db}.${name}`);
  const index = optionalDoc(ctx.cmd, 'index');
  const reply: Document = {};
  const validation = Object.fromEntries(['validator', 'validationLevel', 'validationAction'].filter((k) => ctx.cmd[k] !== undefined).map((k) => [k, ctx.cmd[k] as unknown]));
  if (Object.keys(validation).length > 0) {
    checkValidationOptions(ctx.db, name, validation);
    coll.options = { ...coll.options, ...validation };
    ctx.engine.log({ o: 'c', ns: coll.ns, opts: coll.options });
  }
  if (ctx.cmd.expireAfterSeconds !== undefined) {
    if (!timeseriesOf(coll)) fail('InvalidOptions', 'expireAfterSeconds option is only supported on time-series collections or as an index option');
    coll.options = collModTimeseriesTtl(coll.options, ctx.cmd.expireAfterSeconds);
    ctx.engine.log({ o: 'c', ns: coll.ns, opts: coll.options });
  }
  if (index) {
    const target = [...coll.indexes.values()].find((i) => i.name === index.name || JSON.stringify(i.spec.key) === JSON.stringify(index.keyPattern));
    if (!target) fail('IndexNotFound', `cannot find index ${String(index.name ?? JSON.stringify(index.keyPattern))} for ns ${coll.ns}`);
    if (typeof index.expireAfterSeconds === 'number') {
      reply.expireAfterSeconds_old = target.spec.expireAfterSeconds;
      reply.expireAfterSeconds_new = index.expireAfterSeconds;
      target.spec.expireAfterSeconds = index.expireAfterSeconds;
      ctx.engine.log({ o: 'di', ns: coll.ns, name: target.name });
      ctx.engine.log({ o: 'ci', ns: coll.ns, spec: target.spec });
    }
    if (typeof index.hidden === 'boolean') {
      reply.hidden_old = target.spec.hidden === true;
      reply.hidden_new = index.hidden;
      target.spec.hidden = index.hidden;
    }
  }
  reply.ok = 1;
  return reply;
}

export function dbStats(ctx: CommandContext): Document {
  const colls = [...(ctx.engine.catalog.dbs.get(ctx.db)?.values() ?? [])];
  let objects = 0;
  let dataSize = 0;
  let indexes = 0;
  for (const c of colls) {
    const s = sizes(c);
    objects += s.count;
    dataSize += s.size;
    indexes += c.indexes.size;
  }
  const scale = typeof ctx.cmd.scale === 'number' && ctx.cmd.scale > 0 ? ctx.cmd.scale : 1;
  const indexSize = indexes * 4096;
  return {
    db: ctx.db,
    collections: colls.length,
    views: 0,
    objects,
    avgObjSize: objects ? dataSize / objects : 0,
    dataSize: dataSize / scale,
    storageSize: dataSize / scale,
    indexes,
    indexSize: indexSize / scale,
    totalSize: (dataSize + indexSize) / scale,
    scaleFactor: scale,
    fsUsedSize: 0,
    fsTotalSize: 0,
    ok: 1,
  };
}

export function collStats(ctx: CommandContext): Document {
  const name = collectionName(ctx);
  const coll = ctx.engine.catalog.get(ctx.db, name);
  if (!coll) fail('NamespaceNotFound', `Collection [${ctx.db}.${name}] not found.`);
  const s = sizes(coll);
  const scale = typeof ctx.cmd.scale === 'number' && ctx.cmd.scale > 0 ? ctx.cmd.scale : 1;
  const indexSizes: Document = {};
  for (const i of coll.indexes.values()) indexSizes[i.name] = Math.max(4096, i.size * 16) / scale;
  const totalIndexSize = Object.values(indexSizes).reduce((a: number, b) => a + (b as number), 0);
  return {
    ns: coll.ns,
    size: s.size / scale,
    count: s.count,
    avgObjSize: s.count ? Math.floor(s.size / s.count) : 0,
    storageSize: s.size / scale,
    freeStorageSize: 0,
    capped: coll.options.capped === true,
    nindexes: coll.indexes.size,
    indexBuilds: [],
    totalIndexSize,
    totalSize: s.size / scale + totalIndexSize,
    indexSizes,
    scaleFactor: scale,
    ok: 1,
  };
}
