import type { z } from 'zod';
import { t, isMessageKey, type MessageParams } from './t';
import type { MessageKey } from './zh-CN';

/** A raw zod issue, as error maps receive it, or a finished one from a ZodError. */
type IssueLike = z.core.$ZodRawIssue | z.core.$ZodIssue;

function numberParam(v: unknown): string | number {
  return typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'bigint' ? v.toString() : '';
}

/** The message key for a zod issue that carries no key of its own. */
export function messageKeyForIssue(issue: IssueLike): MessageKey {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return 'validation.notInteger';
      return 'input' in issue && issue.input === undefined ? 'validation.required' : 'validation.invalidType';
    case 'too_small':
      if (issue.origin === 'string') return 'validation.tooShort';
      if (issue.origin === 'array' || issue.origin === 'set') return 'validation.tooFewItems';
      return 'validation.tooSmall';
    case 'too_big':
      if (issue.origin === 'string') return 'validation.tooLong';
      if (issue.origin === 'array' || issue.origin === 'set') return 'validation.tooManyItems';
      return 'validation.tooBig';
    case 'invalid_value':
      return 'validation.invalidOption';
    case 'unrecognized_keys':
      return 'validation.unknownField';
    case 'invalid_format':
      return issue.format === 'datetime' ? 'validation.dateTime' : 'validation.invalid';
    default:
      return 'validation.invalid';
  }
}

/** Placeholder values (minimum, maximum, keys) taken from the issue itself. */
export function issueParams(issue: IssueLike): MessageParams {
  switch (issue.code) {
    case 'too_small':
      return { minimum: numberParam(issue.minimum) };
    case 'too_big':
      return { maximum: numberParam(issue.maximum) };
    case 'unrecognized_keys':
      return { keys: issue.keys.join('、') };
    default:
      return {};
  }
}

/**
 * Zod error map that answers message keys: pass as `schema.safeParse(x, { error: messageKeyErrorMap })`.
 * Messages set on the schema itself (domain keys) take precedence.
 */
export const messageKeyErrorMap = (issue: z.core.$ZodRawIssue): string => messageKeyForIssue(issue);

/** Chinese text for a finished issue: its own message if that is a key, else one chosen by its code. */
export function issueText(issue: z.core.$ZodIssue): string {
  const key = isMessageKey(issue.message) ? issue.message : messageKeyForIssue(issue);
  return t(key, issueParams(issue));
}

/** `{ 'a.b': '中文' }` for a ZodError's issues; the first issue per path wins; '' is the root. */
export function fieldMessages(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? p.toString() : String(p))).join('.');
    if (!(path in fields)) fields[path] = issueText(issue);
  }
  return fields;
}

/** `{ 'a.b': { key, params } }` for a ZodError's issues (same paths as fieldMessages), so clients can translate. */
export function fieldMessageKeys(issues: readonly z.core.$ZodIssue[]): Record<string, { key: MessageKey; params: MessageParams }> {
  const fields: Record<string, { key: MessageKey; params: MessageParams }> = {};
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? p.toString() : String(p))).join('.');
    if (!(path in fields)) {
      fields[path] = { key: isMessageKey(issue.message) ? issue.message : messageKeyForIssue(issue), params: issueParams(issue) };
    }
  }
  return fields;
}
