/**
 * The client's address for per-IP limits and logs. X-Forwarded-For is believed only when the
 * connection comes from a configured proxy (TRUSTED_PROXIES): the entries are read from the right,
 * skipping trusted proxies, and the first other address is the client. Anyone else's header is
 * their own word and is ignored.
 */
import { BlockList, isIP } from 'node:net';
import type { AppMiddleware } from './context';

const bare = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

function trustList(proxies: readonly string[]): BlockList {
  const list = new BlockList();
  for (const p of proxies) {
    const [address = '', bits] = p.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

export function clientAddressOf(remote: string, forwardedFor: string | undefined, trusted: BlockList): string {
  const isTrusted = (a: string) => {
    const family = isIP(a);
    return family !== 0 && trusted.check(a, family === 6 ? 'ipv6' : 'ipv4');
  };
  let client = bare(remote);
  if (!isTrusted(client) || !forwardedFor) return client;
  const hops = forwardedFor.split(',').map((h) => bare(h.trim())).filter((h) => h !== '');
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i] ?? '';
    if (isIP(hop) === 0) break; // garbage: stop at the last address we could trust
    client = hop;
    if (!isTrusted(hop)) break;
  }
  return client;
}

export function clientAddress(trustedProxies: readonly string[]): AppMiddleware {
  const trusted = trustList(trustedProxies);
  return async (ctx, next) => {
    ctx.request.ip = clientAddressOf(ctx.req.socket.remoteAddress ?? '', ctx.get('X-Forwarded-For') || undefined, trusted);
    await next();
  };
}
