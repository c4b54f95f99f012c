/**
 * How workers prove who they are: WeChat login code, WeChat phone-number button, or phone +
 * SMS one-time code. Each ends in one WorkerLogin (found or created) and a token pair.
 *
 * SMS rules: a code lives 5 minutes; at most one code per 60 s and 10 per China calendar day
 * per phone; 5 wrong tries spend the code. Codes are stored as HMACs.
 */
import { randomInt } from 'node:crypto';
import { chinaDateOf, maskMobilePhone, type SmsCodeSent, type TokenPair } from '@zhuanyi/shared';
import { AppError } from '../../http/errors';
import { isDuplicateKeyError } from '../../http/error-handler';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import { UpstreamError } from '../../integrations/http-json';
import { WechatCodeError, type WechatClient } from '../../integrations/wechat/wechat.client';
import type { SmsProvider } from '../../integrations/sms/sms.provider';
import type { AuthService } from './auth.service';
import { SmsCode, SmsSendCounter } from './sms-code.model';
import { WorkerLogin, type WorkerLoginRecord } from './worker-login.model';

export const SMS_CODE_TTL_SECONDS = 5 * 60;
export const SMS_RESEND_SECONDS = 60;
export const SMS_DAILY_LIMIT = 10;
export const SMS_MAX_ATTEMPTS = 5;

export interface WorkerSignInDeps {
  auth: AuthService;
  crypto: FieldCrypto;
  clock: Clock;
  sms: SmsProvider;
  /** Undefined when WeChat is not configured (WECHAT_APPID/SECRET unset). */
  wechat: WechatClient | undefined;
}

export class SmsRateLimitError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    daily: boolean,
  ) {
    super('RATE_LIMITED', daily ? { messageKey: 'error.smsDailyLimit' } : { messageKey: 'error.smsTooSoon', params: { seconds: retryAfterSeconds } });
    this.name = 'SmsRateLimitError';
  }
}

function codeProblem(messageKey: 'error.smsCodeWrong' | 'error.smsCodeExpired', params?: Record<string, number>): AppError {
  return new AppError('VALIDATION_FAILED', { messageKey, params, fields: { code: messageKey } });
}

function upstream(err: unknown, messageKey: 'error.wechatUnavailable' | 'error.smsSendFailed'): unknown {
  return err instanceof UpstreamError ? new AppError('UPSTREAM_FAILED', { messageKey, cause: err }) : err;
}

export class WorkerSignInService {
  constructor(private readonly deps: WorkerSignInDeps) {}

  private wechat(): WechatClient {
    if (!this.deps.wechat) throw new AppError('SERVICE_UNAVAILABLE', { messageKey: 'error.wechatUnavailable' });
    return this.deps.wechat;
  }

  private phoneFields(phone: string) {
    return { phoneIndex: this.deps.crypto.blindIndex('phone', phone), phoneEnc: this.deps.crypto.encrypt('phone', phone) };
  }

  /** Finds the login matching `filter` or creates it from `create`; a racing creator wins and is reused. */
  private async findOrCreate(
    filter: Record<string, string>,
    create: Record<string, string>,
  ): Promise<{ login: WorkerLoginRecord; isNew: boolean }> {
    const found = await WorkerLogin.findOne(filter).lean<WorkerLoginRecord>();
    if (found) return { login: found, isNew: false };
    try {
      const created = await WorkerLogin.create(create);
      return { login: created.toObject<WorkerLoginRecord>(), isNew: true };
    } catch (err: unknown) {
      if (!isDuplicateKeyError(err)) throw err;
      const winner = await WorkerLogin.findOne(filter).lean<WorkerLoginRecord>();
      if (!winner) throw err;
      return { login: winner, isNew: false };
    }
  }

  async signInWithWechatCode(code: string): Promise<TokenPair> {
    const session = await this.openSession(code);
    const { login, isNew } = await this.findOrCreate(
      { openid: session.openid },
      { openid: session.openid, ...(session.unionid ? { unionid: session.unionid } : {}) },
    );
    return this.deps.auth.signInWorker(login, isNew);
  }

  private async openSession(code: string) {
    try {
      return await this.wechat().code2Session(code);
    } catch (err: unknown) {
      if (err instanceof WechatCodeError) throw new AppError('UNAUTHENTICATED', { messageKey: 'error.wechatCodeInvalid', cause: err });
      throw upstream(err, 'error.wechatUnavailable');
    }
  }

  /** The openid's login, given the phone when it has none and no other login holds that phone; else null. */
  private async addPhoneToWechatLogin(openid: string, fields: { phoneIndex: string; phoneEnc: string }): Promise<WorkerLoginRecord | null> {
    const byOpenid = await WorkerLogin.findOne({ openid }).lean<WorkerLoginRecord>();
    if (!byOpenid || byOpenid.phoneIndex) return null;
    if (await WorkerLogin.exists({ phoneIndex: fields.phoneIndex })) return null;
    try {
      return await WorkerLogin.findOneAndUpdate({ _id: byOpenid._id, phoneIndex: { $exists: false } }, { $set: fields }, { returnDocument: 'after' })
        .lean<WorkerLoginRecord>()
        .exec();
    } catch (err: unknown) {
      // Another login took the phone meanwhile: sign in by phone as usual.
      if (isDuplicateKeyError(err)) return null;
      throw err;
    }
  }

  /** Phone-number button: the phone WeChat vouches for; with `loginCode`, the openid joins the same login. */
  async signInWithWechatPhone(phoneCode: string, loginCode: string | undefined): Promise<TokenPair> {
    let phone: string;
    try {
      phone = await this.wechat().getPhoneNumber(phoneCode);
    } catch (err: unknown) {
      if (err instanceof WechatCodeError) throw new AppError('UNAUTHENTICATED', { messageKey: 'error.wechatPhoneFailed', cause: err });
      throw upstream(err, 'error.wechatUnavailable');
    }
    const session = loginCode ? await this.openSession(loginCode) : undefined;
    const fields = this.phoneFields(phone);
    if (session) {
      // Signed in by WeChat before (a login with this openid, no phone yet): that login gets the phone.
      const linked = await this.addPhoneToWechatLogin(session.openid, fields);
      if (linked) return this.deps.auth.signInWorker(linked, false);
    }
    const found = await this.findOrCreate({ phoneIndex: fields.phoneIndex }, session ? { ...fields, openid: session.openid } : fields);
    const isNew = found.isNew;
    let login = found.login;
    if (session && login.openid === undefined) {
      // Link the WeChat identity unless another login already holds it.
      const other = await WorkerLogin.findOne({ openid: session.openid }).lean<WorkerLoginRecord>();
      if (!other) {
        await WorkerLogin.updateOne({ _id: login._id }, { $set: { openid: session.openid } });
        login = { ...login, openid: session.openid };
      }
    }
    return this.deps.auth.signInWorker(login, isNew);
  }

  async sendSmsCode(phone: string): Promise<SmsCodeSent> {
    const now = this.deps.clock();
    const phoneIndex = this.deps.crypto.blindIndex('phone', phone);
    const latest = await SmsCode.findOne({ phoneIndex }).sort({ createdAt: -1 }).lean();
    const sinceLast = latest ? (now.getTime() - latest.createdAt.getTime()) / 1000 : Infinity;
    if (sinceLast < SMS_RESEND_SECONDS) throw new SmsRateLimitError(Math.ceil(SMS_RESEND_SECONDS - sinceLast), false);

    // One atomic step per send: the counter only moves when both rules allow it.
    const counterId = `${phoneIndex}:${chinaDateOf(now)}`;
    try {
      await SmsSendCounter.findOneAndUpdate(
        { _id: counterId, count: { $lt: SMS_DAILY_LIMIT }, lastSentAt: { $lte: new Date(now.getTime() - SMS_RESEND_SECONDS * 1000) } },
        { $inc: { count: 1 }, $set: { lastSentAt: now, expiresAt: new Date(now.getTime() + 48 * 3600_000) } },
        { upsert: true },
      );
    } catch (err: unknown) {
      if (!isDuplicateKeyError(err)) throw err;
      const counter = await SmsSendCounter.findById(counterId).lean();
      if (counter && counter.count >= SMS_DAILY_LIMIT) throw new SmsRateLimitError(secondsToChinaMidnight(now), true);
      const waited = counter ? (now.getTime() - counter.lastSentAt.getTime()) / 1000 : 0;
      throw new SmsRateLimitError(Math.max(1, Math.ceil(SMS_RESEND_SECONDS - waited)), false);
    }

    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await SmsCode.deleteMany({ phoneIndex });
    const saved = await SmsCode.create({
      phoneIndex,
      codeHash: this.deps.crypto.blindIndex('smsCode', `${phone}:${code}`),
      createdAt: now,
      expiresAt: new Date(now.getTime() + SMS_CODE_TTL_SECONDS * 1000),
    });
    try {
      await this.deps.sms.sendLoginCode(phone, code, SMS_CODE_TTL_SECONDS / 60);
    } catch (err: unknown) {
      // Nothing reached the phone: give the try back (the previous send was over 60 s ago).
      await SmsCode.deleteOne({ _id: saved._id });
      await SmsSendCounter.updateOne({ _id: counterId }, { $inc: { count: -1 }, $set: { lastSentAt: new Date(0) } });
      throw upstream(err, 'error.smsSendFailed');
    }
    return { phoneMasked: maskMobilePhone(phone), expiresInSeconds: SMS_CODE_TTL_SECONDS, resendAfterSeconds: SMS_RESEND_SECONDS };
  }

  async signInWithSmsCode(phone: string, code: string): Promise<TokenPair> {
    const now = this.deps.clock();
    const phoneIndex = this.deps.crypto.blindIndex('phone', phone);
    const current = await SmsCode.findOne({ phoneIndex, consumedAt: null }).sort({ createdAt: -1 }).lean();
    if (!current || current.expiresAt <= now) throw codeProblem('error.smsCodeExpired');
    if (current.attempts >= SMS_MAX_ATTEMPTS) throw new AppError('RATE_LIMITED', { messageKey: 'error.smsCodeLocked' });

    const offered = this.deps.crypto.blindIndex('smsCode', `${phone}:${code}`);
    if (!this.deps.crypto.sameIndex(offered, current.codeHash)) {
      const after = await SmsCode.findOneAndUpdate(
        { _id: current._id, attempts: { $lt: SMS_MAX_ATTEMPTS } },
        { $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      ).lean();
      const left = after ? SMS_MAX_ATTEMPTS - after.attempts : 0;
      if (left <= 0) throw new AppError('RATE_LIMITED', { messageKey: 'error.smsCodeLocked' });
      throw codeProblem('error.smsCodeWrong', { left });
    }
    // Spend the code atomically: a concurrent wrong guess that used up the tries, or a second use, loses.
    const spent = await SmsCode.findOneAndUpdate(
      { _id: current._id, consumedAt: null, attempts: { $lt: SMS_MAX_ATTEMPTS }, expiresAt: { $gt: now } },
      { $set: { consumedAt: now } },
    ).lean();
    if (!spent) throw codeProblem('error.smsCodeExpired');
    await SmsCode.deleteOne({ _id: current._id });

    const fields = this.phoneFields(phone);
    const { login, isNew } = await this.findOrCreate({ phoneIndex: fields.phoneIndex }, fields);
    return this.deps.auth.signInWorker(login, isNew);
  }
}

/** Seconds until the next China calendar day. */
function secondsToChinaMidnight(now: Date): number {
  const next = new Date(`${chinaDateOf(new Date(now.getTime() + 24 * 3600_000))}T00:00:00+08:00`);
  return Math.max(1, Math.ceil((next.getTime() - now.getTime()) / 1000));
}
