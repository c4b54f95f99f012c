/**
 * Notifications to workers (case progress): a WeChat subscribe message when the person has a
 * WeChat login, SMS when WeChat is not configured, refuses or fails, and in development (neither
 * configured) a log line. Every attempt is kept in `notifications`.
 *
 *   WeChat: GET {base}/cgi-bin/token → access_token;
 *           POST {base}/cgi-bin/message/subscribe/send?access_token=… { touser, template_id, page, data }
 *   SMS:    POST {SMS_BASE_URL}/v1/sms/send  { to, signName, template: 'CASE_UPDATE', params: { caseNumber, step } }
 */
import { Schema, model } from 'mongoose';
import { z } from 'zod';
import { maskMobilePhone } from '@zhuanyi/shared';
import type { Logger } from '../../logging/logger';
import type { Clock } from '../../security/clock';
import { requestJson } from '../http-json';

/** The subscribe-message template for case progress (案件进度通知), registered in the WeChat admin console. */
export const CASE_PROGRESS_TEMPLATE_ID = 'case-progress';

export type NotifyChannel = 'wechat' | 'sms' | 'log';

export interface Recipient {
  subjectId: string | null;
  openid: string | null;
  phone: string | null;
}

export interface CaseNotice {
  complaintId: string;
  caseNumber: string;
  /** One line: what happened (Chinese). */
  step: string;
  /** Mini-program page to open. */
  page: string;
}

export interface NotifierOptions {
  wechat?: { baseUrl: string; appId: string; secret: string; templateId?: string };
  sms?: { baseUrl: string; apiKey: string; signName: string };
  logger: Logger;
  clock: Clock;
  timeoutMs?: number;
}

const notificationSchema = new Schema(
  {
    at: { type: Date, required: true },
    subjectId: { type: String, default: null },
    complaintId: { type: String, default: null },
    channel: { type: String, enum: ['wechat', 'sms', 'log'], required: true },
    ok: { type: Boolean, required: true },
    text: { type: String, required: true },
    error: { type: String, default: null },
  },
  { collection: 'notifications', versionKey: false },
);
notificationSchema.index({ complaintId: 1, at: 1 });
export const NotificationModel = model('Notification', notificationSchema);

const TokenSchema = z.looseObject({ access_token: z.string().optional(), expires_in: z.number().optional(), errcode: z.number().optional() });
const SendSchema = z.looseObject({ errcode: z.number().optional(), errmsg: z.string().optional() });
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export class Notifier {
  private token: { value: string; expiresAt: number } | undefined;

  constructor(private readonly options: NotifierOptions) {}

  private url(base: string, path: string, query: Record<string, string> = {}): string {
    const u = new URL(path, base.endsWith('/') ? base : `${base}/`);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u.toString();
  }

  private async accessToken(forceNew: boolean): Promise<string> {
    const wx = this.options.wechat;
    if (!wx) throw new Error('wechat not configured');
    const now = this.options.clock().getTime();
    if (!forceNew && this.token && this.token.expiresAt > now) return this.token.value;
    const { body } = await requestJson('wechat', {
      method: 'GET',
      url: this.url(wx.baseUrl, 'cgi-bin/token', { grant_type: 'client_credential', appid: wx.appId, secret: wx.secret }),
      timeoutMs: this.options.timeoutMs ?? 5000,
    });
    const parsed = TokenSchema.safeParse(body);
    if (!parsed.success || !parsed.data.access_token) throw new Error('cgi-bin/token failed');
    this.token = { value: parsed.data.access_token, expiresAt: now + Math.max(60, (parsed.data.expires_in ?? 7200) - 300) * 1000 };
    return this.token.value;
  }

  private async sendWechat(openid: string, n: CaseNotice): Promise<void> {
    const wx = this.options.wechat;
    if (!wx) throw new Error('wechat not configured');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const token = await this.accessToken(attempt > 0);
      const { status, body } = await requestJson('wechat', {
        method: 'POST',
        url: this.url(wx.baseUrl, 'cgi-bin/message/subscribe/send', { access_token: token }),
        body: {
          touser: openid,
          template_id: wx.templateId ?? CASE_PROGRESS_TEMPLATE_ID,
          page: n.page,
          miniprogram_state: 'formal',
          lang: 'zh_CN',
          data: { character_string1: { value: cut(n.caseNumber, 32) }, thing2: { value: cut(n.step, 20) } },
        },
        timeoutMs: this.options.timeoutMs ?? 5000,
      });
      const parsed = SendSchema.safeParse(body);
      const errcode = parsed.success ? (parsed.data.errcode ?? 0) : -1;
      if (status === 200 && errcode === 0) return;
      // Expired token: fetch a new one once.
      if (errcode === 40001 || errcode === 42001) continue;
      throw new Error(`subscribe/send errcode ${errcode}`);
    }
    throw new Error('access token refused twice');
  }

  private async sendSms(phone: string, n: CaseNotice): Promise<void> {
    const sms = this.options.sms;
    if (!sms) throw new Error('sms not configured');
    const { status } = await requestJson('sms', {
      method: 'POST',
      url: this.url(sms.baseUrl, 'v1/sms/send'),
      headers: { authorization: `Bearer ${sms.apiKey}` },
      body: { to: phone, signName: sms.signName, template: 'CASE_UPDATE', params: { caseNumber: n.caseNumber, step: n.step } },
      timeoutMs: this.options.timeoutMs ?? 5000,
    });
    if (status < 200 || status >= 300) throw new Error(`sms answered ${status}`);
  }

  private async keep(to: Recipient, n: CaseNotice, channel: NotifyChannel, ok: boolean, error: string | null): Promise<void> {
    await NotificationModel.create({ at: this.options.clock(), subjectId: to.subjectId, complaintId: n.complaintId, channel, ok, text: `${n.caseNumber} ${n.step}`, error });
  }

  /** Never throws: a failed notice must not undo the case step. Answers the channel that delivered (or null). */
  async notifyCase(to: Recipient, n: CaseNotice): Promise<NotifyChannel | null> {
    const { wechat, sms, logger } = this.options;
    try {
      if (wechat && to.openid) {
        try {
          await this.sendWechat(to.openid, n);
          await this.keep(to, n, 'wechat', true, null);
          return 'wechat';
        } catch (err: unknown) {
          await this.keep(to, n, 'wechat', false, err instanceof Error ? err.message : String(err));
        }
      }
      if (sms && to.phone) {
        try {
          await this.sendSms(to.phone, n);
          await this.keep(to, n, 'sms', true, null);
          return 'sms';
        } catch (err: unknown) {
          await this.keep(to, n, 'sms', false, err instanceof Error ? err.message : String(err));
          return null;
        }
      }
      if (!wechat && !sms) {
        logger.info({ notify: { to: to.phone ? maskMobilePhone(to.phone) : to.subjectId, caseNumber: n.caseNumber } }, `开发环境通知：${n.step}`);
        await this.keep(to, n, 'log', true, null);
        return 'log';
      }
      return null;
    } catch (err: unknown) {
      logger.warn({ err }, 'notification not recorded');
      return null;
    }
  }
}
