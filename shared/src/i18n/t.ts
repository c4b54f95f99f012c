import { zhCN, type MessageKey } from './zh-CN';

export type MessageParams = Record<string, string | number>;

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

/** The zh-CN text for a key with `{name}` placeholders filled; unknown keys come back as given. */
export function t(key: MessageKey | string, params?: MessageParams): string {
  const template: string = isMessageKey(key) ? zhCN[key] : key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
