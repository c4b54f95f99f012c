import { useShareAppMessage } from '@tarojs/taro';
import { renderSVG } from 'uqr';

export interface ShareTarget {
  /** What a chat shows: plain words people understand (job, pay, place). */
  title: string;
  /** Page path with its query, e.g. /pages/job-detail/index?id=… (opens without signing in). */
  path: string;
}

/** WeChat titles are cut after about two lines; keep the most useful words. */
export function shareTitle(parts: ReadonlyArray<string | null | undefined>): string {
  const text = parts.filter((p): p is string => Boolean(p && p.trim())).join(' · ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** The H5 address of a page (hash routes), for a link or a QR code. */
export function h5LinkFor(path: string, origin: string, pathname = '/'): string {
  return `${origin}${pathname}#${path}`;
}

/** A QR code of the text as an SVG data URI (shown with <Image>). */
export function qrDataUri(text: string): string {
  const svg = renderSVG(text, { border: 2, pixelSize: 8 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** weapp: 转发 to a chat or group with this title and path (the page config enables it). */
export function useShare(target: ShareTarget | null): void {
  useShareAppMessage(() => (target ? { title: target.title, path: target.path } : {}));
}
