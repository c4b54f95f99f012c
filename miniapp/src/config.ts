/**
 * Runtime settings, fixed at build time (config/index.ts). In H5 the BFF serves the app,
 * so an empty base means same origin; weapp needs an absolute origin.
 */
const DEFAULT_WEAPP_ORIGIN = 'http://127.0.0.1:3000';

function apiOrigin(): string {
  const fromBuild = typeof API_BASE === 'string' ? API_BASE : '';
  if (fromBuild) return fromBuild.replace(/\/+$/, '');
  return process.env.TARO_ENV === 'weapp' ? DEFAULT_WEAPP_ORIGIN : '';
}

export const appConfig = {
  apiBaseUrl: `${apiOrigin()}/api/v1`,
  requestTimeoutMs: 15_000,
} as const;
