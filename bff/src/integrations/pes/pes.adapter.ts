/**
 * How the BFF talks to a public employment service: the adapter interface, and the HTTP adapter
 * for the contract in README.md. A failure is either retryable (network, timeout, 5xx, 429) or
 * permanent (the PES refused the content: other 4xx); the outbox acts on the difference.
 */
import { z } from 'zod';
import { UpstreamError } from '../http-json';
import {
  PesPageSchema,
  PesPushReceiptSchema,
  pushPath,
  type PesPage,
  type PesPushBody,
  type PesPushReceipt,
  type PesRecordKind,
} from './pes.contract';

export interface PesAdapter {
  /** Records of one kind changed since the cursor (null: from the beginning). */
  pullChanges(kind: PesRecordKind, cursor: string | null, limit: number): Promise<PesPage>;
  /** Sends one change; the PES deduplicates on body.idempotencyKey. */
  push(body: PesPushBody): Promise<PesPushReceipt>;
}

/** The PES refused the content; sending it again will not help. */
export class PesRejectedError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(`pes: refused with ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'PesRejectedError';
  }
}

export function isRetryable(err: unknown): boolean {
  return !(err instanceof PesRejectedError);
}

export interface HttpPesAdapterOptions {
  baseUrl: string;
  apiKey: string | undefined;
  timeoutMs: number;
}

const PULL_PATHS: Record<PesRecordKind, string> = { job: 'jobs', course: 'courses', employment: 'employment' };

const RETRYABLE_4XX = new Set([408, 425, 429]);

export class HttpPesAdapter implements PesAdapter {
  private readonly base: string;
  constructor(private readonly options: HttpPesAdapterOptions) {
    this.base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
    let status: number;
    let text: string;
    try {
      const res = await fetch(new URL(path, this.base), {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      status = res.status;
      // Reading the body is inside the try: a connection dropped mid-reply fails here.
      text = await res.text();
    } catch (err: unknown) {
      const reason = err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : 'request failed';
      throw new UpstreamError('pes', `${method} ${path} ${reason}`, undefined, { cause: err });
    }
    if (status >= 400 && status < 500 && !RETRYABLE_4XX.has(status)) throw new PesRejectedError(status, text.slice(0, 300));
    if (status < 200 || status >= 300) throw new UpstreamError('pes', `${method} ${path} answered ${status}`, status);
    try {
      return text === '' ? null : (JSON.parse(text) as unknown);
    } catch (err: unknown) {
      throw new UpstreamError('pes', `${method} ${path} answered a body that is not JSON`, status, { cause: err });
    }
  }

  private parse<T extends z.ZodType>(schema: T, body: unknown, what: string): z.output<T> {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new UpstreamError('pes', `${what} answered an unexpected body`);
    return parsed.data;
  }

  async pullChanges(kind: PesRecordKind, cursor: string | null, limit: number): Promise<PesPage> {
    const q = new URLSearchParams({ limit: String(limit) });
    if (cursor !== null) q.set('cursor', cursor);
    const path = `pes/v1/${PULL_PATHS[kind]}/changes?${q.toString()}`;
    return this.parse(PesPageSchema, await this.call('GET', path), `pull ${kind}`);
  }

  async push(body: PesPushBody): Promise<PesPushReceipt> {
    const answer = await this.call('POST', pushPath(body.type, body.ref), body, { 'idempotency-key': body.idempotencyKey });
    return this.parse(PesPushReceiptSchema, answer, `push ${body.type}`);
  }
}
