import type { Document } from 'bson';
import { Binary } from 'bson';
import { UUID } from 'bson';
import { fail } from '../errors';
import { TRANSIENT } from '../transactions';
import { CommandError } from '../errors';
import { changeLog } from '../change-log';
import type { CommandContext } from './context';

export function endSessions(ctx: CommandContext): Document {
  const list: unknown = ctx.cmd[ctx.name];
  if (!Array.isArray(list)) fail('TypeMismatch', `BSON field '${ctx.name}' is the wrong type, expected type 'array'`);
  for (const lsid of list) {
    const s = ctx.engine.session(lsid);
    if (s) ctx.engine.endSession(s.key);
  }
  return { ok: 1 };
}

export function startSession(): Document {
  return { id: { id: new UUID() as Binary }, timeoutMinutes: 30, ok: 1 };
}

export function refreshSessions(): Document {
  return { ok: 1 };
}

export function commitTransaction(ctx: CommandContext): Document {
  const txn = ctx.txn;
  if (!txn) fail('NoSuchTransaction', 'no transaction in progress');
  const first = txn.state !== 'committed';
  ctx.engine.commit(txn);
  if (first) changeLog(ctx.engine).commit(txn);
  return { ok: 1 };
}

export function abortTransaction(ctx: CommandContext): Document {
  const txn = ctx.txn;
  if (!txn) fail('NoSuchTransaction', 'no transaction in progress');
  if (txn.state === 'committed') {
    throw new CommandError(256, 'TransactionCommitted', `Transaction with { txnNumber: ${txn.txnNumber} } has been committed.`);
  }
  if (txn.state === 'aborted') {
    throw new CommandError(251, 'NoSuchTransaction', `Transaction with { txnNumber: ${txn.txnNumber} } has been aborted.`, {}, [TRANSIENT]);
  }
  ctx.engine.abort(txn, 'aborted by client');
  return { ok: 1 };
}
