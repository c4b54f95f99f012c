/**
 * Notifications to workers (case progress): a WeChat subscribe message when the person has a
 * WeChat login, SMS when WeChat is not configured, refuses or fails, and in development (neither
 * configured) a log line. Every attempt is kept in `notifications`. A notice no channel delivered
 * goes to `notification_retries` (no personal data: the recipient is looked up again on retry) and
 * is tried again after 1 min, 5 min, 30 min, 2 h and 12 h, then given up (kept as failed).
 *
 *   WeChat: GET {base}/cgi-bin/token → access_token;
 *           POST {base}/cgi-bin/message/subscribe/send?access_token=… { touser, template_id, page, data }
 *   SMS:    POST {SMS_BASE_URL}/v1/sms/send  { to, signName, template: 'CASE_UPDATE', params: { caseNumber, step } }
 *           (job notices: template 'JOB_NOTICE', params { title, text }; WeChat template JOB_NOTICE_TEMPLATE_ID)
 */
import { Schema, model } from 'mongoose';
import { z } from 'zod';
import { JOB_NOTICE_TEMPLATE_ID, maskMobilePhone } from '@zhuanyi/shared';
import type { Logger } from '../../logging/logger';
import type { Clock } from '../../security/clock';
import { requestJson } from '../http-json';

/** The subscribe-message template for case progress (案件进度通知), registered in the WeChat admin console. */
export const CASE_PROGRESS_TEMPLATE_ID = 'case-progress';
/** The subscribe-message template for jobs (alerts and staff recommendations), shared with the weapp that asks for it. */
export { JOB_NOTICE_TEMPLATE_ID };

/** Which message a notice is: case/application progress, or a job (alert digest, staff push). */
export type NoticeTemplate = 'case' | 'job';

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
  /** Default 'case'; for 'job', caseNumber holds the job's title. */
  template?: NoticeTemplate;
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

const retrySchema = new Schema(
  {
    createdAt: { type: Date, required: true },
    complaintId: { type: String, required: true },
    subjectId: { type: String, default: null },
    caseNumber: { type: String, required: true },
    step: { type: String, required: true },
    page: { type: String, required: true },
    state: { type: String, enum: ['pending', 'delivered', 'failed'], required: true },
    attempts: { type: Number, required: true },
    nextAt: { type: Date, default: null },
    lastError: { type: String, default: null },
    deliveredAt: { type: Date, default: null },
    channel: { type: String, default: null },
    /** Queued with the change it reports (outbox) and not tried yet: the first send is due at once. */
    fresh: { type: Boolean, default: false },
    template: { type: String, enum: ['case', 'job'], default: 'case' },
  },
  { collection: 'notification_retries', versionKey: false },
);
retrySchema.index({ state: 1, nextAt: 1 });
retrySchema.index({ createdAt: -1 });
// Job pushes and alert digests are looked up by the record they report (service level, 我的 → 岗位提醒).
retrySchema.index({ complaintId: 1 });
export const NotificationRetryModel = model('NotificationRetry', retrySchema);

/**
 * Puts a notice in the outbox (`notification_retries`, fresh) inside the caller's transaction: the
 * step and its notice are stored together; the background sender delivers it, so no request waits.
 */
export async function queueCaseNotice(n: CaseNotice & { subjectId: string | null }, at: Date): Promise<void> {
  await NotificationRetryModel.create([
    { createdAt: at, complaintId: n.complaintId, subjectId: n.subjectId, caseNumber: n.caseNumber, step: n.step, page: n.page, template: n.template ?? 'case', state: 'pending', attempts: 0, nextAt: at, lastError: null, fresh: true },
  ]);
}

/** Waits before each retry; after the last one the notice is given up. */
export const RETRY_BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000] as const;

/**
 * Finds the recipient of a queued notice again (phone and openid are not kept with the retry): by
 * the complaint it is about, or, for notices about applications and enrollments, by the worker's login.
 */
export type RecipientLookup = (ref: { complaintId: string; subjectId: string | null; template: NoticeTemplate }) => Promise<Recipient | null>;

export interface RetryRun {
  tried: number;
  delivered: number;
  gaveUp: number;
}

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
          page: n.page,
          miniprogram_state: 'formal',
          lang: 'zh_CN',
          ...(n.template === 'job'
            ? { template_id: JOB_NOTICE_TEMPLATE_ID, data: { thing1: { value: cut(n.caseNumber, 20) }, thing2: { value: cut(n.step, 20) } } }
            : { template_id: wx.templateId ?? CASE_PROGRESS_TEMPLATE_ID, data: { character_string1: { value: cut(n.caseNumber, 32) }, thing2: { value: cut(n.step, 20) } } }),
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
      body:
        n.template === 'job'
          ? { to: phone, signName: sms.signName, template: 'JOB_NOTICE', params: { title: n.caseNumber, text: n.step } }
          : { to: phone, signName: sms.signName, template: 'CASE_UPDATE', params: { caseNumber: n.caseNumber, step: n.step } },
      timeoutMs: this.options.timeoutMs ?? 5000,
    });
    if (status < 200 || status >= 300) throw new Error(`sms answered ${status}`);
  }

  private async keep(to: Recipient, n: CaseNotice, channel: NotifyChannel, ok: boolean, error: string | null): Promise<void> {
    await NotificationModel.create({ at: this.options.clock(), subjectId: to.subjectId, complaintId: n.complaintId, channel, ok, text: `${n.caseNumber} ${n.step}`, error });
  }

  /** Never throws: a failed notice must not undo the case step. Answers the channel that delivered (or null; then it is queued for retry). */
  async notifyCase(to: Recipient, n: CaseNotice): Promise<NotifyChannel | null> {
    const { attempted, channel, error } = await this.deliver(to, n);
    if (channel === null && attempted) {
      try {
        await NotificationRetryModel.create({
          createdAt: this.options.clock(),
          complaintId: n.complaintId,
          subjectId: to.subjectId,
          caseNumber: n.caseNumber,
          step: n.step,
          page: n.page,
          template: n.template ?? 'case',
          state: 'pending',
          attempts: 0,
          nextAt: new Date(this.options.clock().getTime() + RETRY_BACKOFF_MS[0]),
          lastError: error,
        });
      } catch (err: unknown) {
        this.options.logger.warn({ err }, 'notification retry not queued');
      }
    }
    return channel;
  }

  /**
   * Sends the queued notices that are due (or all pending ones with `all`). Each is claimed by
   * moving its next time first, so two runs never send the same notice twice.
   */
  async retryDue(lookup: RecipientLookup, options: { all?: boolean; limit?: number } = {}): Promise<RetryRun> {
    const run: RetryRun = { tried: 0, delivered: 0, gaveUp: 0 };
    const limit = options.limit ?? 50;
    for (let i = 0; i < limit; i += 1) {
      const now = this.options.clock();
      const due = options.all ? {} : { nextAt: { $lte: now } };
      const found = await NotificationRetryModel.findOne({ state: 'pending', ...due }).sort({ nextAt: 1 }).lean().exec();
      if (!found) break;
      // A fresh notice's first send is not a retry: it keeps attempts at 0 and waits the first backoff if it fails.
      const fresh = found.fresh === true;
      const attempts = fresh ? 0 : found.attempts + 1;
      const wait = fresh ? RETRY_BACKOFF_MS[0] : RETRY_BACKOFF_MS[attempts];
      const claimed = await NotificationRetryModel.findOneAndUpdate(
        { _id: found._id, state: 'pending', attempts: found.attempts, fresh: found.fresh ?? false },
        { $set: { attempts, fresh: false, nextAt: wait === undefined ? null : new Date(now.getTime() + wait), ...(wait === undefined ? { state: 'failed' } : {}) } },
        { returnDocument: 'after' },
      )
        .lean()
        .exec();
      if (!claimed) continue;
      run.tried += 1;
      const template = (found.template ?? 'case') as NoticeTemplate;
      const to = await lookup({ complaintId: found.complaintId, subjectId: found.subjectId ?? null, template });
      const result = to
        ? await this.deliver(to, { complaintId: found.complaintId, caseNumber: found.caseNumber, step: found.step, page: found.page, template })
        : { attempted: false, channel: null, error: 'recipient not found' };
      if (result.channel) {
        run.delivered += 1;
        await NotificationRetryModel.updateOne({ _id: found._id }, { $set: { state: 'delivered', deliveredAt: this.options.clock(), channel: result.channel, nextAt: null } }).exec();
      } else {
        if (wait === undefined) run.gaveUp += 1;
        await NotificationRetryModel.updateOne({ _id: found._id }, { $set: { lastError: result.error ?? 'no channel' } }).exec();
      }
    }
    return run;
  }

  /** One try over the channels: WeChat, then SMS, else (nothing configured) the log. */
  private async deliver(to: Recipient, n: CaseNotice): Promise<{ attempted: boolean; channel: NotifyChannel | null; error: string | null }> {
    const { wechat, sms, logger } = this.options;
    let attempted = false;
    let error: string | null = null;
    const done = (channel: NotifyChannel | null) => ({ attempted, channel, error });
    try {
      if (wechat && to.openid) {
        attempted = true;
        try {
          await this.sendWechat(to.openid, n);
          await this.keep(to, n, 'wechat', true, null);
          return done('wechat');
        } catch (err: unknown) {
          error = err instanceof Error ? err.message : String(err);
          await this.keep(to, n, 'wechat', false, error);
        }
      }
      if (sms && to.phone) {
        attempted = true;
        try {
          await this.sendSms(to.phone, n);
          await this.keep(to, n, 'sms', true, null);
          return done('sms');
        } catch (err: unknown) {
          error = err instanceof Error ? err.message : String(err);
          await this.keep(to, n, 'sms', false, error);
          return done(null);
        }
      }
      if (!wechat && !sms) {
        logger.info({ notify: { to: to.phone ? maskMobilePhone(to.phone) : to.subjectId, caseNumber: n.caseNumber } }, `开发环境通知：${n.step}`);
        await this.keep(to, n, 'log', true, null);
        return done('log');
      }
      return done(null);
    } catch (err: unknown) {
      logger.warn({ err }, 'notification not recorded');
      return done(null);
    }
  }
}

/** The queued notices, newest first (no personal data in them). */
export async function listRetries(query: { state?: 'pending' | 'delivered' | 'failed'; limit: number }) {
  const rows = await NotificationRetryModel.find(query.state ? { state: query.state } : {})
    .sort({ createdAt: -1 })
    .limit(query.limit)
    .lean()
    .exec();
  return {
    items: rows.map((r) => ({
      id: r._id.toHexString(),
      complaintId: r.complaintId,
      caseNumber: r.caseNumber,
      step: r.step,
      state: r.state as 'pending' | 'delivered' | 'failed',
      attempts: r.attempts,
      nextAt: r.nextAt ? r.nextAt.toISOString() : null,
      lastError: r.lastError ?? null,
      channel: (r.channel ?? null) as NotifyChannel | null,
      createdAt: r.createdAt.toISOString(),
      deliveredAt: r.deliveredAt ? r.deliveredAt.toISOString() : null,
    })),
  };
}
