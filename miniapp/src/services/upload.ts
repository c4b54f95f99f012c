import Taro from '@tarojs/taro';
import type { z } from 'zod';
import { appConfig } from '@/config';
import { getAccessToken } from './auth-token';
import { InvalidResponseError, NetworkError } from './errors';
import { refreshSession, toApiError } from './http';

/** A file the user picked: a local path (weapp temp file or H5 blob URL) and what we know of it. */
export interface PickedFile {
  path: string;
  name: string;
  size: number;
  type: string;
}

function parse(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

/** multipart POST of one file through Taro.uploadFile (field `name`, extra `headers`), answer parsed with `schema`; one refresh on 401. */
export async function uploadFile<S extends z.ZodType>(path: string, field: string, file: PickedFile, schema: S, headers: Record<string, string> = {}): Promise<z.output<S>> {
  for (let attempt = 0; ; attempt += 1) {
    const token = getAccessToken();
    let res: { statusCode: number; data: unknown };
    try {
      res = await Taro.uploadFile({
        url: `${appConfig.apiBaseUrl}${path}`,
        filePath: file.path,
        name: field,
        fileName: file.name,
        header: token ? { ...headers, Authorization: `Bearer ${token}` } : headers,
        timeout: 120_000,
      } as Taro.uploadFile.Option);
    } catch (failure) {
      const msg = typeof failure === 'object' && failure !== null && 'errMsg' in failure ? String((failure as { errMsg: unknown }).errMsg) : String(failure);
      throw new NetworkError(/timeout/i.test(msg) ? 'timeout' : 'offline', msg);
    }
    const data = parse(res.data);
    if (res.statusCode === 401 && attempt === 0 && (await refreshSession())) continue;
    if (res.statusCode < 200 || res.statusCode >= 300) throw toApiError(res.statusCode, data);
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new InvalidResponseError(path, parsed.error.message);
    return parsed.data as z.output<S>;
  }
}
