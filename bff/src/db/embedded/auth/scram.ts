import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Binary, type Document } from 'bson';
import { CommandError } from '../errors';
import { hmac, sha256, type StoredUser, type UserStore } from './users';

/** Per-connection SCRAM-SHA-256 conversation state (RFC 5802 server side, as mongod runs it). */
export interface AuthState {
  user: string | null;
  conversation: { id: number; user: StoredUser; clientFirstBare: string; serverFirst: string; nonce: string } | null;
}

const authFailed = (): CommandError => new CommandError(18, 'AuthenticationFailed', 'Authentication failed.');

function payloadText(cmd: Document): string {
  const p: unknown = cmd.payload;
  if (p instanceof Binary) return Buffer.from(p.buffer.subarray(0, p.position)).toString('utf8');
  if (typeof p === 'string') return p;
  throw new CommandError(2, 'BadValue', 'SASL payload must be BinData');
}

/** RFC 5802 attributes `a=value,b=value` (values may hold '='). */
function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return out;
}

const decodeName = (s: string): string => s.replace(/=2C/g, ',').replace(/=3D/g, '=');
const reply = (id: number, text: string, done: boolean): Document => ({ conversationId: id, payload: new Binary(Buffer.from(text, 'utf8')), done, ok: 1 });

/** Commands a connection may run before it authenticates (as on mongod). */
export const BEFORE_AUTH = new Set(['hello', 'ismaster', 'ping', 'buildinfo', 'saslstart', 'saslcontinue', 'getnonce', 'logout', 'endsessions']);

export class ScramServer {
  private nextConversation = 1;

  constructor(private readonly users: UserStore) {}

  /** The mechanisms hello reports for `saslSupportedMechs: "db.user"`. */
  mechanismsFor(spec: unknown): string[] | undefined {
    if (typeof spec !== 'string') return undefined;
    const dot = spec.indexOf('.');
    return dot > 0 && this.users.find(spec.slice(0, dot), spec.slice(dot + 1)) ? ['SCRAM-SHA-256'] : undefined;
  }

  saslStart(state: AuthState, cmd: Document, db: string): Document {
    if (cmd.mechanism !== 'SCRAM-SHA-256') {
      throw new CommandError(334, 'MechanismUnavailable', `Received authentication for mechanism ${String(cmd.mechanism)} which is not enabled`);
    }
    const text = payloadText(cmd);
    if (!text.startsWith('n,')) throw authFailed();
    const clientFirstBare = text.slice(text.indexOf(',', 2) + 1);
    const attrs = attributes(clientFirstBare);
    const name = decodeName(attrs.get('n') ?? '');
    const clientNonce = attrs.get('r') ?? '';
    const user = this.users.find(db, name);
    if (!user || clientNonce === '') throw authFailed();
    const nonce = clientNonce + randomBytes(24).toString('base64');
    const serverFirst = `r=${nonce},s=${user.salt},i=${user.iterations}`;
    const id = this.nextConversation++;
    state.conversation = { id, user, clientFirstBare, serverFirst, nonce };
    return reply(id, serverFirst, false);
  }

  saslContinue(state: AuthState, cmd: Document): Document {
    const conv = state.conversation;
    if (!conv || Number(cmd.conversationId) !== conv.id) throw new CommandError(17, 'ProtocolError', 'No SASL session state found');
    state.conversation = null;
    const text = payloadText(cmd);
    const attrs = attributes(text);
    const proof = Buffer.from(attrs.get('p') ?? '', 'base64');
    if (attrs.get('r') !== conv.nonce || attrs.get('c') !== 'biws') throw authFailed();
    const withoutProof = text.slice(0, text.lastIndexOf(',p='));
    const authMessage = `${conv.clientFirstBare},${conv.serverFirst},${withoutProof}`;
    const storedKey = Buffer.from(conv.user.storedKey, 'base64');
    const signature = hmac(storedKey, authMessage);
    if (proof.length !== signature.length) throw authFailed();
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = (proof[i] as number) ^ (signature[i] as number);
    if (!timingSafeEqual(sha256(clientKey), storedKey)) throw authFailed();
    state.user = `${conv.user.db}.${conv.user.user}`;
    const serverSignature = hmac(Buffer.from(conv.user.serverKey, 'base64'), authMessage).toString('base64');
    return reply(conv.id, `v=${serverSignature}`, true);
  }
}
