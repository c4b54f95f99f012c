import type { Document } from 'bson';

/** An error reported to the client in mongod's own shape: { ok: 0, errmsg, code, codeName }. */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Document = {},
    readonly labels: string[] = [],
  ) {
    super(message);
  }

  toReply(): Document {
    const reply: Document = { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
    if (this.labels.length > 0) reply.errorLabels = this.labels;
    return reply;
  }
}

export const Codes = {
  InternalError: [1, 'InternalError'],
  BadValue: [2, 'BadValue'],
  NoSuchKey: [4, 'NoSuchKey'],
  FailedToParse: [9, 'FailedToParse'],
  TypeMismatch: [14, 'TypeMismatch'],
  InvalidLength: [16, 'InvalidLength'],
  IllegalOperation: [20, 'IllegalOperation'],
  NamespaceNotFound: [26, 'NamespaceNotFound'],
  IndexNotFound: [27, 'IndexNotFound'],
  ConflictingUpdateOperators: [40, 'ConflictingUpdateOperators'],
  CursorNotFound: [43, 'CursorNotFound'],
  NamespaceExists: [48, 'NamespaceExists'],
  MaxTimeMSExpired: [50, 'MaxTimeMSExpired'],
  DollarPrefixedFieldName: [52, 'DollarPrefixedFieldName'],
  InvalidIdField: [53, 'InvalidIdField'],
  NotSingleValueField: [54, 'NotSingleValueField'],
  CommandNotFound: [59, 'CommandNotFound'],
  ImmutableField: [66, 'ImmutableField'],
  CannotCreateIndex: [67, 'CannotCreateIndex'],
  IndexAlreadyExists: [68, 'IndexAlreadyExists'],
  InvalidOptions: [72, 'InvalidOptions'],
  InvalidNamespace: [73, 'InvalidNamespace'],
  IndexOptionsConflict: [85, 'IndexOptionsConflict'],
  IndexKeySpecsConflict: [86, 'IndexKeySpecsConflict'],
  WriteConflict: [112, 'WriteConflict'],
  InvalidPipelineOperator: [168, 'InvalidPipelineOperator'],
  CommandNotSupportedOnView: [166, 'CommandNotSupportedOnView'],
  NoSuchTransaction: [251, 'NoSuchTransaction'],
  TransactionCommitted: [256, 'TransactionCommitted'],
  OperationNotSupportedInTransaction: [263, 'OperationNotSupportedInTransaction'],
  Location: [0, 'Location'],
  DuplicateKey: [11000, 'DuplicateKey'],
} as const;

export type CodeKey = keyof typeof Codes;

export function fail(key: CodeKey, message: string, extra: Document = {}, labels: string[] = []): never {
  const entry = Codes[key];
  throw new CommandError(entry[0] as number, entry[1] as string, message, extra, labels);
}

/** Errors mingo throws carry no code; map the recognisable ones to mongod's codes, the rest to BadValue. */
export function toCommandError(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/immutable field/i.test(message)) return new CommandError(66, 'ImmutableField', message.replace(/\.$/, ''));
  if (/cannot apply|non-numeric|must be a number|must be an array|not an array/i.test(message)) return new CommandError(14, 'TypeMismatch', message);
  if (/positional operator/i.test(message)) return new CommandError(2, 'BadValue', message);
  if (/conflict/i.test(message)) return new CommandError(40, 'ConflictingUpdateOperators', message);
  return new CommandError(2, 'BadValue', message);
}
