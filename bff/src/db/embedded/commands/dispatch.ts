import type { Document } from 'bson';
import type { Engine } from '../engine';
import { CommandError, toCommandError } from '../errors';
import { latestView } from '../query';
import { TRANSIENT } from '../transactions';
import * as admin from './admin';
import { aggregate } from './aggregate';
import { bulkWrite } from './bulk-write';
import type { CommandContext, Handler, ServerInfo } from './context';
import { explain } from './explain';
import { planCacheClear } from './plan-cache';
import { findAndModify } from './find-and-modify';
import * as hs from './handshake';
import * as read from './read';
import * as sessions from './sessions';
import * as write from './write';
import { validatingWriter } from '../validation';
import { recordingWriter } from '../change-log';
import { timeseriesWriter } from '../timeseries/collection';

const ok: Handler = () => ({ ok: 1 });

const HANDLERS: Record<string, Handler> = {
  hello: hs.helloReply,
  ismaster: hs.helloReply,
  ping: ok,
  buildinfo: hs.buildInfo,
  getparameter: hs.getParameter,
  setparameter: hs.setParameter,
  serverstatus: hs.serverStatus,
  hostinfo: hs.hostInfo,
  replsetgetstatus: hs.replSetGetStatus,
  getcmdlineopts: () => ({ argv: ['mongod'], parsed: {}, ok: 1 }),
  connectionstatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  whatsmyuri: (ctx) => ({ you: `127.0.0.1:${ctx.connectionId}`, ok: 1 }),
  getlog: () => ({ totalLinesWritten: 0, log: [], ok: 1 }),
  logout: ok,
  getfreemonitoringstatus: () => ({ state: 'disabled', ok: 1 }),
  features: () => ({ ok: 1 }),
  listcommands: () => ({ commands: Object.fromEntries(Object.keys(HANDLERS).map((k) => [k, {}])), ok: 1 }),
  insert: write.insert,
  update: write.update,
  delete: write.remove,
  find: read.find,
  getmore: read.getMore,
  killcursors: read.killCursors,
  count: read.count,
  distinct: read.distinct,
  findandmodify: findAndModify,
  bulkwrite: bulkWrite,
  aggregate,
  explain,
  create: admin.create,
  drop: admin.drop,
  dropdatabase: admin.dropDatabase,
  renamecollection: admin.renameCollection,
  listcollections: admin.listCollections,
  listdatabases: admin.listDatabases,
  createindexes: admin.createIndexes,
  listindexes: admin.listIndexes,
  dropindexes: admin.dropIndexes,
  deleteindexes: admin.dropIndexes,
  collmod: admin.collMod,
  dbstats: admin.dbStats,
  collstats: admin.collStats,
  plancacheclear: planCacheClear,
  endsessions: sessions.endSessions,
  killsessions: sessions.endSessions,
  startsession: sessions.startSession,
  refreshsessions: sessions.refreshSessions,
  killallsessions: ok,
  committransaction: sessions.commitTransaction,
  aborttransaction: sessions.abortTransaction,
};

/** Commands whose names mongod matches case-insensitively; all others must match exactly. */
const CANONICAL: Record<string, string> = {
  ismaster: 'isMaster',
  buildinfo: 'buildInfo',
  getparameter: 'getParameter',
  setparameter: 'setParameter',
  serverstatus: 'serverStatus',
  hostinfo: 'hostInfo',
  replsetgetstatus: 'replSetGetStatus',
  getcmdlineopts: 'getCmdLineOpts',
  connectionstatus: 'connectionStatus',
  whatsmyuri: 'whatsmyuri',
  getlog: 'getLog',
  getfreemonitoringstatus: 'getFreeMonitoringStatus',
  listcommands: 'listCommands',
  getmore: 'getMore',
  killcursors: 'killCursors',
  findandmodify: 'findAndModify',
  bulkwrite: 'bulkWrite',
  dropdatabase: 'dropDatabase',
  renamecollection: 'renameCollection',
  listcollections: 'listCollections',
  listdatabases: 'listDatabases',
  createindexes: 'createIndexes',
  listindexes: 'listIndexes',
  dropindexes: 'dropIndexes',
  deleteindexes: 'deleteIndexes',
  collmod: 'collMod',
  dbstats: 'dbStats',
  collstats: 'collStats',
  plancacheclear: 'planCacheClear',
  endsessions: 'endSessions',
  killsessions: 'killSessions',
  startsession: 'startSession',
  refreshsessions: 'refreshSessions',
  killallsessions: 'killAllSessions',
  committransaction: 'commitTransaction',
  aborttransaction: 'abortTransaction',
};

const IN_TXN = new Set(['bulkwrite', 'find', 'getmore', 'killcursors', 'insert', 'update', 'delete', 'findandmodify', 'aggregate', 'distinct', 'create', 'createindexes', 'committransaction', 'aborttransaction', 'ping', 'hello', 'ismaster', 'buildinfo', 'listcollections', 'listindexes']);
const ADMIN_ONLY = new Set(['bulkwrite', 'listdatabases', 'getparameter', 'setparameter', 'renamecollection', 'committransaction', 'aborttransaction', 'replsetgetstatus', 'getcmdlineopts', 'getlog', 'hostinfo']);
const RETRYABLE = new Set(['bulkwrite', 'insert', 'update', 'delete', 'findandmodify']);

function resolveHandler(name: string): Handler | null {
  const lower = name.toLowerCase();
  const handler = HANDLERS[lower];
  if (!handler) return null;
  const canonical = CANONICAL[lower] ?? lower;
  if (name !== canonical && !(lower === 'ismaster' && name === 'ismaster')) return null;
  return handler;
}

function txnNumberOf(cmd: Document): number | undefined {
  const v: unknown = cmd.txnNumber;
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'toNumber' in v) return (v as { toNumber(): number }).toNumber();
  return undefined;
}

export interface DispatchInput {
  engine: Engine;
  server: ServerInfo;
  connectionId: number;
  cmd: Document;
  db: string;
  legacy: boolean;
}

/** Runs one command and always answers with a reply document, never an exception. */
export async function dispatch(input: DispatchInput): Promise<Document> {
  const { engine, cmd } = input;
  let reply: Document;
  try {
    reply = await run(input);
  } catch (err) {
    reply = toCommandError(err).toReply();
  }
  const isHello = reply.isWritablePrimary !== undefined || reply.ismaster !== undefined;
  if (!isHello || cmd.$clusterTime !== undefined) Object.assign(reply, hs.gossip(engine.seq));
  return reply;
}

async function run(input: DispatchInput): Promise<Document> {
  const { engine, cmd, db } = input;
  const name = Object.keys(cmd)[0];
  if (name === undefined) throw new CommandError(59, 'CommandNotFound', 'no such command: \'\'');
  const handler = resolveHandler(name);
  if (!handler) throw new CommandError(59, 'CommandNotFound', `no such command: '${name}'`);
  const lower = name.toLowerCase();
  if (ADMIN_ONLY.has(lower) && db !== 'admin') {
    throw new CommandError(13, 'Unauthorized', `${name} may only be run against the admin database.`);
  }
  const session = engine.session(cmd.lsid);
  const ctx: CommandContext = {
    engine,
    server: input.server,
    connectionId: input.connectionId,
    db,
    name,
    cmd,
    writer: timeseriesWriter(validatingWriter(recordingWriter(engine.autocommit, engine), cmd.bypassDocumentValidation === true)),
    view: latestView,
    txn: null,
    session,
    legacy: input.legacy,
  };
  const txnNumber = txnNumberOf(cmd);
  if (cmd.autocommit === false) {
    if (!session || txnNumber === undefined) throw new CommandError(50768, 'Location50768', 'Transactions require a session id and a txnNumber');
    const st = session.state;
    if (cmd.startTransaction === true) {
      if (txnNumber < st.txnNumber) {
        throw new CommandError(225, 'TransactionTooOld', `Cannot start transaction ${txnNumber} on session because a newer transaction ${st.txnNumber} has already started`);
      }
      if (txnNumber === st.txnNumber && st.txn) {
        throw new CommandError(256, 'TransactionCommitted', `Transaction with { txnNumber: ${txnNumber} } has already been started`);
      }
      if (st.txn) engine.abort(st.txn, 'superseded');
      st.txnNumber = txnNumber;
      st.txn = engine.begin(session.key, txnNumber);
    } else if (!st.txn || st.txn.txnNumber !== txnNumber) {
      throw new CommandError(251, 'NoSuchTransaction', `Given transaction number ${txnNumber} does not match any in-progress transactions. The active transaction number is ${st.txnNumber}`, {}, [TRANSIENT]);
    }
    const txn = st.txn;
    if (!txn) throw new CommandError(251, 'NoSuchTransaction', 'no transaction', {}, [TRANSIENT]);
    if (txn.state === 'aborted' && lower !== 'aborttransaction') {
      throw new CommandError(251, 'NoSuchTransaction', `Transaction with { txnNumber: ${txnNumber} } has been aborted.`, {}, [TRANSIENT]);
    }
    if (txn.state === 'committed' && lower !== 'committransaction' && lower !== 'aborttransaction') {
      throw new CommandError(256, 'TransactionCommitted', `Transaction with { txnNumber: ${txnNumber} } has been committed.`);
    }
    if (!IN_TXN.has(lower)) {
      throw new CommandError(263, 'OperationNotSupportedInTransaction', `Cannot run '${name}' in a multi-document transaction.`);
    }
    txn.lastUsed = Date.now();
    ctx.txn = txn;
    ctx.writer = timeseriesWriter(validatingWriter(recordingWriter(engine.txnWriter(txn), engine), cmd.bypassDocumentValidation === true));
    ctx.view = txn;
    try {
      return await handler(ctx);
    } catch (err) {
      const e = toCommandError(err);
      if (lower !== 'committransaction' && lower !== 'aborttransaction') engine.abort(txn, e.message);
      if (e.code === 251 || e.code === 112) {
        if (!e.labels.includes(TRANSIENT)) e.labels.push(TRANSIENT);
      }
      throw e;
    }
  }
  if (lower === 'committransaction' || lower === 'aborttransaction') {
    throw new CommandError(50768, 'Location50768', `${name} must be run within a transaction`);
  }
  // Retryable writes: a retried statement returns the first reply instead of applying twice.
  const retryable = session && txnNumber !== undefined && RETRYABLE.has(lower);
  if (retryable) {
    const st = session.state;
    if (st.retry && st.retry.txnNumber === txnNumber) return { ...st.retry.reply, retriedStmtIds: [] };
    if (txnNumber < st.txnNumber) throw new CommandError(225, 'TransactionTooOld', `Retryable write with txnNumber ${txnNumber} is prohibited on session because a newer retryable write with txnNumber ${st.txnNumber} has already started on this session.`);
    if (st.txn?.state === 'active') engine.abort(st.txn, 'superseded');
    st.txnNumber = txnNumber;
  }
  const reply = await handler(ctx);
  if (retryable) session.state.retry = { txnNumber, reply: { ...reply } };
  return reply;
}
