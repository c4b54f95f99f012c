/**
 * Security headers (helmet): the API answers JSON and files only, so its policy allows nothing.
 * The H5 build's policy lets its own scripts, styles and images run; its inline bootstrap script
 * (Taro's viewport script in index.html) is allowed by its SHA-256 hash, not by 'unsafe-inline'.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import helmet from 'koa-helmet';
import type { AppMiddleware } from './context';

const api = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginResourcePolicy: { policy: 'same-origin' },
});

/** CSP sources for the inline scripts of an HTML page ('sha256-…'), as browsers hash them. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(m[1] ?? '')) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2] ?? '', 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** The hashes of index.html's inline scripts, read again when the build changes. */
function indexHashes(h5Dir: string): () => string[] {
  let cached: { mtimeMs: number; hashes: string[] } | null = null;
  return () => {
    const file = join(h5Dir, 'index.html');
    try {
      const { mtimeMs } = statSync(file);
      if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, hashes: inlineScriptHashes(readFileSync(file, 'utf8')) };
      return cached.hashes;
    } catch {
      return [];
    }
  };
}

function h5Policy(h5Dir: string): AppMiddleware {
  const hashes = indexHashes(h5Dir);
  return helmet({
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", () => hashes().join(' ') || "'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        // blob: lets Taro's H5 uploadFile read a picked file before posting it.
        connectSrc: ["'self'", 'blob:'],
        // Development and single-county servers may run on plain http.
        upgradeInsecureRequests: null,
      },
    },
  });
}

export function securityHeaders(h5Dir: string): AppMiddleware {
  const h5 = h5Policy(h5Dir);
  return (ctx, next) => (ctx.path.startsWith('/api/') || ctx.path === '/healthz' || ctx.path === '/readyz' ? api(ctx, next) : h5(ctx, next));
}
