/**
 * Security headers (helmet): the API answers JSON and files only, so its policy allows nothing;
 * the H5 build gets a policy that lets its own scripts (one inline bootstrap), styles and images run.
 */
import helmet from 'koa-helmet';
import type { AppMiddleware } from './context';

const api = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginResourcePolicy: { policy: 'same-origin' },
});

const h5 = helmet({
  contentSecurityPolicy: {
    directives: {
      scriptSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
      // blob: lets Taro's H5 uploadFile read a picked file before posting it.
      connectSrc: ["'self'", 'blob:'],
      // Development and single-county servers may run on plain http.
      upgradeInsecureRequests: null,
    },
  },
});

export function securityHeaders(): AppMiddleware {
  return (ctx, next) => (ctx.path.startsWith('/api/') || ctx.path === '/healthz' || ctx.path === '/readyz' ? api(ctx, next) : h5(ctx, next));
}
