/**
 * Sending one-time codes by SMS. Demo mode (DEMO=1, no SMS_BASE_URL) writes the code to the log;
 * without a provider and outside demo mode, sending fails (no code is ever logged); otherwise it posts to the provider's HTTP API:
 *   POST {SMS_BASE_URL}/v1/sms/send   Authorization: Bearer {SMS_API_KEY}
 *   { "to": "13800005678", "signName": "转移就业服务", "template": "LOGIN_CODE", "params": { "code": "123456", "minutes": 5 } }
 *   → 2xx { "messageId": "…" }
 */
import { maskMobilePhone } from '@zhuanyi/shared';
import type { Config } from '../../config/env';
import type { Logger } from '../../logging/logger';
import { requestJson, UpstreamError } from '../http-json';

export interface SmsProvider {
  readonly kind: 'log' | 'http' | 'none';
  sendLoginCode(phone: string, code: string, minutes: number): Promise<void>;
}

/** Development: the code goes to the log (the phone masked), nothing is sent. */
export class LogSmsProvider implements SmsProvider {
  readonly kind = 'log' as const;
  constructor(private readonly logger: Logger) {}

  sendLoginCode(phone: string, code: string, minutes: number): Promise<void> {
    this.logger.info({ sms: { to: maskMobilePhone(phone), devLoginCode: code, minutes } }, `开发环境短信验证码 ${code}`);
    return Promise.resolve();
  }
}

export class HttpSmsProvider implements SmsProvider {
  readonly kind = 'http' as const;
  constructor(
    private readonly options: { baseUrl: string; apiKey: string; signName: string; timeoutMs?: number },
  ) {}

  async sendLoginCode(phone: string, code: string, minutes: number): Promise<void> {
    const base = this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`;
    const { status } = await requestJson('sms', {
      method: 'POST',
      url: new URL('v1/sms/send', base).toString(),
      headers: { authorization: `Bearer ${this.options.apiKey}` },
      body: { to: phone, signName: this.options.signName, template: 'LOGIN_CODE', params: { code, minutes } },
      timeoutMs: this.options.timeoutMs ?? 5000,
    });
    if (status < 200 || status >= 300) throw new UpstreamError('sms', `send answered ${status}`, status);
  }
}

/** No SMS_BASE_URL outside demo mode: nothing can be sent, and the code is not written anywhere. */
export class NoSmsProvider implements SmsProvider {
  readonly kind = 'none' as const;

  sendLoginCode(): Promise<void> {
    return Promise.reject(new UpstreamError('sms', 'no SMS provider configured (set SMS_BASE_URL, or DEMO=1 for codes in the log)'));
  }
}

export function createSmsProvider(config: Pick<Config, 'sms' | 'demo'>, logger: Logger): SmsProvider {
  const { baseUrl, apiKey, signName } = config.sms;
  if (!baseUrl) return config.demo ? new LogSmsProvider(logger) : new NoSmsProvider();
  return new HttpSmsProvider({ baseUrl, apiKey: apiKey ?? '', signName });
}
