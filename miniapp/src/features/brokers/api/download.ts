import Taro from '@tarojs/taro';
import { appConfig } from '@/config';
import { getAccessToken } from '@/services/auth-token';

/**
 * Downloads an xlsx the API makes (it needs the bearer token): H5 saves it through the browser,
 * weapp opens it for sharing or saving. `path` is under the API base, e.g. /subsidies/export?...
 */
export async function downloadXlsx(path: string, filename: string): Promise<void> {
  const url = `${appConfig.apiBaseUrl}${path}`;
  const token = getAccessToken() ?? '';
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.downloadFile({ url, header: { Authorization: `Bearer ${token}` } });
    if (res.statusCode !== 200) throw new Error(`download ${res.statusCode}`);
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
    return;
  }
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`download ${res.status}`);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(href);
}
