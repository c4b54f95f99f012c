import fs from 'node:fs';
import net from 'node:net';
import type { Document } from 'bson';
import { dispatch } from './commands/dispatch';
import type { ServerInfo } from './commands/context';
import type { Engine } from './engine';
import { BEFORE_AUTH, type AuthState, type ScramServer } from './auth/scram';
import { CommandError, toCommandError } from './errors';
import { encodeMsg, encodeReply, FLAG_EXHAUST_ALLOWED, FLAG_MORE_TO_COME, MAX_MESSAGE_BYTES, parseMessage, ProtocolError, readHeader, type Request } from './wire';

export interface WireServerOptions {
  engine: Engine;
  host: string;
  port: number;
  /** Called before a reply is sent: resolves once every logged write is durable. */
  sync: () => Promise<void>;
  /** Set once the store has failed: every request is then refused. */
  failed?: () => Error | null;
  /** Requires SCRAM-SHA-256 authentication before any command but the handshake. */
  auth?: ScramServer;
  /** Listens on this Unix socket (mode 0600) instead of TCP. */
  socketPath?: string;
}

/** Accepts connections and speaks the MongoDB wire protocol over them. */
export class WireServer {
  private readonly server = net.createServer((socket) => this.accept(socket));
  private readonly sockets = new Set<net.Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextConnectionId = 1;
  private nextRequestId = 1;
  info: ServerInfo;

  constructor(private readonly opts: WireServerOptions) {
    this.info = { host: opts.host, port: opts.port };
  }

  listen(): Promise<number> {
    const socketPath = this.opts.socketPath;
    if (socketPath) {
      fs.rmSync(socketPath, { force: true });
      return new Promise((resolve, reject) => {
        this.server.once('error', reject);
        this.server.listen(socketPath, () => {
          fs.chmodSync(socketPath, 0o600);
          this.info = { host: socketPath, port: 0 };
          resolve(0);
        });
      });
    }
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, this.opts.host, () => {
        const addr = this.server.address();
        const port = typeof addr === 'object' && addr ? addr.port : this.opts.port;
        this.info = { host: this.opts.host, port };
        resolve(port);
      });
    });
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    const connectionId = this.nextConnectionId++;
    const auth: AuthState = { user: null, conversation: null };
    this.sockets.add(socket);
    socket.setNoDelay(true);
    let pending: Buffer = Buffer.alloc(0);
    // Chunks of a message still arriving are joined once it is complete, not on every chunk.
    let parts: Buffer[] = [];
    let partsBytes = 0;
    let need = 0;
    // Requests on one connection are answered in order.
    let chain: Promise<void> = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      if (parts.length > 0) {
        parts.push(chunk);
        partsBytes += chunk.length;
        if (partsBytes < need) return;
        pending = Buffer.concat(parts, partsBytes);
        parts = [];
        partsBytes = 0;
      } else pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 4) {
        const length = pending.readInt32LE(0);
        if (length < 16 || length > MAX_MESSAGE_BYTES) {
          socket.destroy();
          return;
        }
        if (pending.length < length) {
          parts = [pending];
          partsBytes = pending.length;
          need = length;
          pending = Buffer.alloc(0);
          break;
        }
        const msg = pending.subarray(0, length);
        pending = pending.subarray(length);
        chain = chain
          .then(() => this.handle(socket, msg, connectionId, auth))
          .catch(() => {
            socket.destroy();
          });
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  private async handle(socket: net.Socket, msg: Buffer, connectionId: number, auth: AuthState): Promise<void> {
    if (socket.destroyed) return;
    let req: Request;
    try {
      req = parseMessage(msg);
    } catch (err) {
      // A malformed message gets an error reply when it can be addressed; the connection stays usable.
      const header = readHeader(msg);
      const text = err instanceof ProtocolError ? err.message : `invalid message: ${String(err instanceof Error ? err.message : err)}`;
      const reply = new CommandError(9, 'FailedToParse', text).toReply();
      if (header.opCode === 2004) socket.write(encodeReply(header.requestId, this.nextRequestId++, reply));
      else socket.write(encodeMsg(header.requestId, this.nextRequestId++, reply));
      return;
    }
    const cmd = req.command;
    const db = req.kind === 'query' ? req.collection.split('.')[0] ?? 'admin' : typeof cmd.$db === 'string' ? cmd.$db : '';
    if (req.kind === 'msg' && db === '') {
      socket.write(encodeMsg(req.header.requestId, this.nextRequestId++, new CommandError(40571, 'Location40571', 'OP_MSG requests require a $db argument').toReply()));
      return;
    }
    const scram = this.opts.auth;
    if (scram) {
      const name = (Object.keys(cmd)[0] ?? '').toLowerCase();
      let early: Document | null = null;
      try {
        if (name === 'saslstart') early = scram.saslStart(auth, cmd, db);
        else if (name === 'saslcontinue') early = scram.saslContinue(auth, cmd);
        else if (auth.user === null && !BEFORE_AUTH.has(name)) early = new CommandError(13, 'Unauthorized', `Command ${Object.keys(cmd)[0] ?? ''} requires authentication`).toReply();
      } catch (err) {
        early = toCommandError(err).toReply();
      }
      if (early) {
        if (req.kind === 'query') socket.write(encodeReply(req.header.requestId, this.nextRequestId++, early));
        else socket.write(encodeMsg(req.header.requestId, this.nextRequestId++, early));
        return;
      }
    }
    const awaitable = this.awaitableHello(req);
    if (awaitable !== null && req.kind === 'msg') {
      await this.streamHello(socket, req, connectionId, awaitable);
      return;
    }
    const failed = this.opts.failed?.();
    if (failed) {
      this.refuse(socket, req, failed);
      return;
    }
    const reply = await dispatch({ engine: this.opts.engine, server: this.info, connectionId, cmd, db, legacy: req.kind === 'query' });
    if (scram && cmd.saslSupportedMechs !== undefined && reply.ok === 1) {
      const mechs = scram.mechanismsFor(cmd.saslSupportedMechs);
      if (mechs) reply.saslSupportedMechs = mechs;
    }
    // Every reply, a read's too, waits until all writes logged so far are fsynced: no connection
    // learns of a write before it is durable, and none at all if its fsync fails.
    await this.opts.sync();
    if (req.kind === 'query') {
      socket.write(encodeReply(req.header.requestId, this.nextRequestId++, reply));
      return;
    }
    // Fire-and-forget writes (w:0) set moreToCome and expect no reply.
    if (req.flags & FLAG_MORE_TO_COME) return;
    socket.write(encodeMsg(req.header.requestId, this.nextRequestId++, reply));
  }

  /** Answers with the store's failure and drops the connection. */
  private refuse(socket: net.Socket, req: Request, failed: Error): void {
    const reply = new CommandError(1, 'InternalError', failed.message).toReply();
    if (req.kind === 'query') socket.write(encodeReply(req.header.requestId, this.nextRequestId++, reply));
    else socket.write(encodeMsg(req.header.requestId, this.nextRequestId++, reply));
    socket.end();
  }

  /** The driver's streaming monitor sends hello with topologyVersion and maxAwaitTimeMS. */
  private awaitableHello(req: Request): number | null {
    if (req.kind !== 'msg') return null;
    const name = Object.keys(req.command)[0]?.toLowerCase();
    if (name !== 'hello' && name !== 'ismaster') return null;
    const wait: unknown = req.command.maxAwaitTimeMS;
    const tv: unknown = req.command.topologyVersion;
    if (tv === undefined || wait === undefined) return null;
    const ms = typeof wait === 'number' ? wait : Number(String(wait));
    return Number.isFinite(ms) && ms >= 0 ? ms : null;
  }

  private async streamHello(socket: net.Socket, req: Request & { kind: 'msg' }, connectionId: number, waitMs: number): Promise<void> {
    const exhaust = (req.flags & FLAG_EXHAUST_ALLOWED) !== 0;
    let responseTo = req.header.requestId;
    let wake: (() => void) | null = null;
    const onClose = (): void => wake?.();
    socket.once('close', onClose);
    for (;;) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.timers.delete(t);
          resolve();
        }, waitMs);
        this.timers.add(t);
        wake = () => {
          clearTimeout(t);
          this.timers.delete(t);
          resolve();
        };
      });
      if (socket.destroyed) return;
      const reply: Document = await dispatch({ engine: this.opts.engine, server: this.info, connectionId, cmd: req.command, db: 'admin', legacy: false });
      const requestId = this.nextRequestId++;
      socket.write(encodeMsg(responseTo, requestId, reply, exhaust ? FLAG_MORE_TO_COME : 0));
      if (!exhaust) {
        socket.off('close', onClose);
        return;
      }
      responseTo = requestId;
    }
  }
}
