import { hasMessage, t } from '@/i18n';
import { ApiError, errorMessageKey } from './errors';

const CJK = /[\u4e00-\u9fff]/;

/**
 * Plain text for an error in the user's language: the catalog text of the server's message key
 * with its values (e.g. 验证码不对，还可以再试 3 次); else the server's Chinese message; else the text for its code.
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiError && error.status < 500 && error.messageKey && hasMessage(error.messageKey)) {
    return t(error.messageKey, error.params);
  }
  if (error instanceof ApiError && error.status < 500 && CJK.test(error.message)) return error.message;
  return t(errorMessageKey(error));
}
