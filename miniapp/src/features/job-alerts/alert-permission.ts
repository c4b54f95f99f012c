import Taro from '@tarojs/taro';
import { JOB_NOTICE_TEMPLATE_ID } from '@zhuanyi/shared';

/** Asking the person whether job notices may come as WeChat messages (else they come by SMS). */
export interface AlertPermission {
  /** Call straight from a tap: WeChat shows its dialog only after a user gesture. True: allowed. */
  ask(): Promise<boolean>;
}

/** weapp: WeChat's subscribe-message dialog for the job notice template. */
export const wechatAlertPermission: AlertPermission = {
  ask: () =>
    Taro.requestSubscribeMessage({ tmplIds: [JOB_NOTICE_TEMPLATE_ID], entityIds: [] }).then(
      (res) => (res as unknown as Record<string, unknown>)[JOB_NOTICE_TEMPLATE_ID] === 'accept',
      () => false,
    ),
};

/** H5 (browser): no WeChat messages; notices come by SMS. */
export const smsOnlyPermission: AlertPermission = { ask: () => Promise.resolve(false) };

export const alertPermission: AlertPermission = process.env.TARO_ENV === 'weapp' ? wechatAlertPermission : smsOnlyPermission;
