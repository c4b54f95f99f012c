import Taro from '@tarojs/taro';

const TOKEN_KEY = 'auth.accessToken';

/** The access token the sign-in flow stores; read on every request. */
export function getAccessToken(): string | null {
  try {
    const value: unknown = Taro.getStorageSync(TOKEN_KEY);
    return typeof value === 'string' && value !== '' ? value : null;
  } catch {
    return null;
  }
}

export function setAccessToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token);
}

export function clearAccessToken(): void {
  Taro.removeStorageSync(TOKEN_KEY);
}
