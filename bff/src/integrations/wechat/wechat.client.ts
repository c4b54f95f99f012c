/**
 * WeChat server APIs used for sign-in:
 * - `jscode2session`: the code from `wx.login` → openid (and unionid when bound);
 * - `getuserphonenumber`: the code from the phone-number button → the phone, which needs
 *   an access token (`cgi-bin/token`, cached until shortly before it expires).
 * The base URL comes from config (WECHAT_BASE_URL), so tests point it at a fake server.
 */
import { z } from 'zod';
import type { Clock } from '../../security/clock';
import { requestJson, UpstreamError } from '../http-json';

export interface WechatClientOptions {
  baseUrl: string;
  appId: string;
  secret: string;
  clock: Clock;
  timeoutMs?: number;
}

export interface WechatSession {
  openid: string;
  unionid: string | undefined;
}

/** WeChat refused the code itself (invalid, used or expired): the user must log in again. */
export class WechatCodeError extends Error {
  constructor(
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`WeChat rejected the code: ${errcode} ${errmsg}`);
    this.name = 'WechatCodeError';
  }
}

const ErrorPart = { errcode: z.number().optional(), errmsg: z.string().optional() };
const SessionSchema = z.looseObject({ ...ErrorPart, openid: z.string().min(1).optional(), unionid: z.string().optional() });
const TokenSchema = z.looseObject({ ...ErrorPart, access_token: z.string().optional(), expires_in: z.number().optional() });
const PhoneSchema = z.looseObject({
  ...ErrorPart,
  phone_info: z.looseObject({ phoneNumber: z.string(), purePhoneNumber: z.string(), countryCode: z.string() }).optional(),
});

/** errcodes that mean the code is bad, not that WeChat is down. */
const CODE_ERRORS = new Set([40029, 40163, 40226, 40013, 45011]);
/** errcodes that mean the access token is no longer good. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);

export class WechatClient {
  private token: { value: string; expiresAt: number } | undefined;
  private readonly timeoutMs: number;

  constructor(private readonly options: WechatClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  private url(path: string, query: Record<string, string>): string {
    const u = new URL(path, this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u.toString();
  }

  async code2Session(code: string): Promise<WechatSession> {
    const { body } = await requestJson('wechat', {
      method: 'GET',
      url: this.url('sns/jscode2session', {
        appid: this.options.appId,
        secret: this.options.secret,
        js_code: code,
        grant_type: 'authorization_code',
      }),
      timeoutMs: this.timeoutMs,
    });
    const parsed = SessionSchema.safeParse(body);
    if (!parsed.success) throw new UpstreamError('wechat', 'jscode2session answered an unexpected body');
    const { errcode, errmsg, openid, unionid } = parsed.data;
    if (errcode !== undefined && errcode !== 0) {
      if (CODE_ERRORS.has(errcode)) throw new WechatCodeError(errcode, errmsg ?? '');
      throw new UpstreamError('wechat', `jscode2session errcode ${errcode}`);
    }
    if (!openid) throw new UpstreamError('wechat', 'jscode2session answered no openid');
    return { openid, unionid: unionid || undefined };
  }

  private async accessToken(forceNew: boolean): Promise<string> {
    const now = this.options.clock().getTime();
    if (!forceNew && this.token && this.token.expiresAt > now) return this.token.value;
    const { body } = await requestJson('wechat', {
      method: 'GET',
      url: this.url('cgi-bin/token', { grant_type: 'client_credential', appid: this.options.appId, secret: this.options.secret }),
      timeoutMs: this.timeoutMs,
    });
    const parsed = TokenSchema.safeParse(body);
    if (!parsed.success || !parsed.data.access_token) {
      throw new UpstreamError('wechat', `cgi-bin/token failed${parsed.success ? ` errcode ${parsed.data.errcode ?? '?'}` : ''}`);
    }
    // Renew five minutes early.
    const lifetime = Math.max(60, (parsed.data.expires_in ?? 7200) - 300);
    this.token = { value: parsed.data.access_token, expiresAt: now + lifetime * 1000 };
    return this.token.value;
  }

  /** The phone bound to the user's WeChat, from the phone-number button's code (digits only, mainland). */
  async getPhoneNumber(code: string): Promise<string> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const token = await this.accessToken(attempt > 0);
      const { body } = await requestJson('wechat', {
        method: 'POST',
        url: this.url('wxa/business/getuserphonenumber', { access_token: token }),
        body: { code },
        timeoutMs: this.timeoutMs,
      });
      const parsed = PhoneSchema.safeParse(body);
      if (!parsed.success) throw new UpstreamError('wechat', 'getuserphonenumber answered an unexpected body');
      const { errcode, errmsg, phone_info } = parsed.data;
      if (errcode !== undefined && errcode !== 0) {
        if (TOKEN_ERRORS.has(errcode)) continue;
        if (CODE_ERRORS.has(errcode)) throw new WechatCodeError(errcode, errmsg ?? '');
        throw new UpstreamError('wechat', `getuserphonenumber errcode ${errcode}`);
      }
      if (!phone_info) throw new UpstreamError('wechat', 'getuserphonenumber answered no phone');
      return phone_info.purePhoneNumber;
    }
    throw new UpstreamError('wechat', 'access token refused twice');
  }
}
