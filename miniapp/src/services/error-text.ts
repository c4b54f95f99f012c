import { t } from '@/i18n';
import { ApiError, errorMessageKey } from './errors';

const CJK = /[\u4e00-\u9fff]/;

/**
 * Plain Chinese for an error: the server's own message when it wrote one for people
 * (e.g. 验证码不对，还可以再试 3 次), otherwise the text for its code.
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiError && error.status < 500 && CJK.test(error.message)) return error.message;
  return t(errorMessageKey(error));
}
