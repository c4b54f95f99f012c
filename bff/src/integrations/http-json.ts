/** Small JSON-over-HTTP helper for outbound clients: timeout, parsed body, typed failure. */
export class UpstreamError extends Error {
  constructor(
    readonly system: string,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`${system}: ${message}`, options);
    this.name = 'UpstreamError';
  }
}

export interface JsonRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
}

/** Sends the request and answers the parsed JSON body with the status; network trouble → UpstreamError. */
export async function requestJson(system: string, req: JsonRequest): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: { accept: 'application/json', ...(req.body === undefined ? {} : { 'content-type': 'application/json' }), ...req.headers },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
  } catch (err: unknown) {
    throw new UpstreamError(system, 'request failed', undefined, { cause: err });
  }
  const text = await res.text();
  try {
    return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  } catch (err: unknown) {
    throw new UpstreamError(system, `answered ${res.status} with a body that is not JSON`, res.status, { cause: err });
  }
}
