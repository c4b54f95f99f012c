import { Binary, Long, ObjectId, Timestamp, type Document } from 'bson';
import { fail } from '../errors';
import type { CommandContext } from './context';

export const SERVER_VERSION = '8.0.0';
export const MAX_WIRE_VERSION = 25;
export const SET_NAME = 'rs0';
const ELECTION_ID = new ObjectId('7fffffff0000000000000001');

export function clusterTime(seq: number): Timestamp {
  return new Timestamp({ t: Math.floor(Date.now() / 1000), i: (seq % 0x7fffffff) + 1 });
}

export function gossip(seq: number): Document {
  const ts = clusterTime(seq);
  return { $clusterTime: { clusterTime: ts, signature: { hash: new Binary(Buffer.alloc(20), 0), keyId: Long.ZERO } }, operationTime: ts };
}

/** The hello reply of a single-node replica set primary. */
export function helloReply(ctx: CommandContext): Document {
  // Port 0: a Unix socket, named by its path as the driver names it.
  const me = ctx.server.port === 0 ? ctx.server.host : `${ctx.server.host}:${ctx.server.port}`;
  const ts = clusterTime(ctx.engine.seq);
  const now = new Date();
  const reply: Document = {
    topologyVersion: { processId: ctx.engine.processId, counter: Long.ZERO },
    hosts: [me],
    setName: SET_NAME,
    setVersion: 1,
  };
  if (ctx.legacy || ctx.name.toLowerCase() === 'ismaster') reply.ismaster = true;
  else reply.isWritablePrimary = true;
  Object.assign(reply, {
    secondary: false,
    primary: me,
    me,
    electionId: ELECTION_ID,
    lastWrite: {
      opTime: { ts, t: Long.ONE },
      lastWriteDate: now,
      majorityOpTime: { ts, t: Long.ONE },
      majorityWriteDate: now,
    },
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: now,
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
  });
  if (ctx.cmd.helloOk === true) reply.helloOk = true;
  reply.ok = 1;
  return reply;
}

export function buildInfo(): Document {
  return {
    version: SERVER_VERSION,
    gitVersion: '0000000000000000000000000000000000000000',
    modules: [],
    allocator: 'system',
    javascriptEngine: 'none',
    sysInfo: 'deprecated',
    versionArray: [8, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: 16 * 1024 * 1024,
    storageEngines: ['embedded'],
    openssl: { running: 'disabled', compiled: 'disabled' },
    buildEnvironment: { target_os: process.platform, target_arch: process.arch },
    ok: 1,
  };
}

const PARAMS = ['cursorTimeoutMillis', 'ttlMonitorSleepSecs', 'transactionLifetimeLimitSeconds', 'ttlMonitorEnabled'] as const;
type ParamName = (typeof PARAMS)[number];

function isParam(name: string): name is ParamName {
  return (PARAMS as readonly string[]).includes(name);
}

export function getParameter(ctx: CommandContext): Document {
  const all = ctx.cmd.getParameter === '*' || (typeof ctx.cmd.getParameter === 'object' && ctx.cmd.getParameter !== null && (ctx.cmd.getParameter as Document).allParameters === true);
  const reply: Document = {};
  const fcv = { version: '8.0' };
  if (all) {
    for (const p of PARAMS) reply[p] = ctx.engine.params[p];
    reply.featureCompatibilityVersion = fcv;
  } else {
    for (const key of Object.keys(ctx.cmd)) {
      if (key === 'getParameter' || key.startsWith('$') || key === 'lsid' || key === 'comment') continue;
      if (key === 'featureCompatibilityVersion') reply[key] = fcv;
      else if (isParam(key)) reply[key] = ctx.engine.params[key];
    }
    if (Object.keys(reply).length === 0) fail('InvalidOptions', 'no option found to get');
  }
  reply.ok = 1;
  return reply;
}

export function setParameter(ctx: CommandContext): Document {
  const reply: Document = {};
  let found = false;
  for (const [key, value] of Object.entries(ctx.cmd)) {
    if (key === 'setParameter' || key.startsWith('$') || key === 'lsid' || key === 'comment') continue;
    if (!isParam(key)) fail('InvalidOptions', `attempted to set unrecognized parameter [${key}], use help:true to see options`);
    found = true;
    reply.was = ctx.engine.params[key];
    if (key === 'ttlMonitorEnabled') {
      if (typeof value !== 'boolean') fail('BadValue', `Invalid value for ${key}`);
      ctx.engine.params.ttlMonitorEnabled = value;
    } else {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) fail('BadValue', `Invalid value for parameter ${key}: ${String(value)}`);
      ctx.engine.params[key] = n;
    }
  }
  if (!found) fail('InvalidOptions', 'no option found to set, use help:true to see options ');
  reply.ok = 1;
  return reply;
}

export function serverStatus(ctx: CommandContext): Document {
  const uptime = (Date.now() - ctx.engine.startTime) / 1000;
  return {
    host: `${ctx.server.host}:${ctx.server.port}`,
    version: SERVER_VERSION,
    process: 'mongod',
    pid: Long.fromNumber(process.pid),
    uptime: Math.floor(uptime),
    uptimeMillis: Long.fromNumber(Math.floor(uptime * 1000)),
    uptimeEstimate: Long.fromNumber(Math.floor(uptime)),
    localTime: new Date(),
    connections: { current: ctx.connectionId, available: 1000 },
    opcounters: { ...ctx.engine.opCounters },
    repl: { setName: SET_NAME, isWritablePrimary: true, secondary: false, hosts: [`${ctx.server.host}:${ctx.server.port}`] },
    storageEngine: { name: 'embedded', supportsCommittedReads: true, persistent: true },
    transactions: { currentActive: ctx.engine.activeTransactions },
    metrics: { cursor: { open: { total: ctx.engine.cursors.size } } },
    ok: 1,
  };
}

export function hostInfo(): Document {
  return {
    system: { currentTime: new Date(), hostname: 'localhost', cpuAddrSize: 64, numCores: 1, cpuArch: process.arch },
    os: { type: process.platform, name: process.platform, version: process.version },
    extra: {},
    ok: 1,
  };
}

export function replSetGetStatus(ctx: CommandContext): Document {
  // Port 0: a Unix socket, named by its path as the driver names it.
  const me = ctx.server.port === 0 ? ctx.server.host : `${ctx.server.host}:${ctx.server.port}`;
  return {
    set: SET_NAME,
    date: new Date(),
    myState: 1,
    term: Long.ONE,
    members: [{ _id: 0, name: me, health: 1, state: 1, stateStr: 'PRIMARY', uptime: Math.floor((Date.now() - ctx.engine.startTime) / 1000), self: true }],
    ok: 1,
  };
}
