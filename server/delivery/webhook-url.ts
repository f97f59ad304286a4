/**
 * Which webhook URLs the service may POST to (SSRF guard). Only http(s) URLs whose host is a public
 * address: never loopback, private (RFC 1918), shared (100.64/10, where some clouds put their metadata
 * service), link-local (169.254/16, fe80::/10), unique-local (fc00::/7), unspecified, multicast or
 * other reserved addresses — also when an IPv6 address embeds such an IPv4 address (::ffff:127.0.0.1,
 * NAT64, 6to4).
 *
 * Checked when an endpoint is registered (`assertWebhookUrlAllowed`: the URL and every address its
 * host resolves to) and again on every delivery (`webhookUrlProblem` for the URL, and
 * `guardedLookup` on the connection itself: the addresses are checked when the socket connects, so a
 * DNS answer that changed since — or changes between two look-ups — cannot reach an internal host).
 * WEBHOOK_ALLOW_PRIVATE=true lifts the address rules (tests and closed networks); the scheme rule stays.
 */
import dns from 'node:dns';
import net, { type LookupFunction } from 'node:net';
import { AppError } from '../errors';

export type AddressCategory =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link_local'
  | 'unique_local'
  | 'multicast'
  | 'reserved';

const LABELS: Record<AddressCategory, string> = {
  unspecified: '未指定地址',
  loopback: '本机回环地址',
  private: '内网（私有）地址',
  shared: '运营商级 NAT 共享地址',
  link_local: '链路本地地址',
  unique_local: '内网（唯一本地）地址',
  multicast: '组播地址',
  reserved: '保留地址',
};

type Rule = [prefix: number[], bits: number, category: AddressCategory];

const V4_RULES: Rule[] = [
  [[0, 0, 0, 0], 8, 'unspecified'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[10, 0, 0, 0], 8, 'private'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 168, 0, 0], 16, 'private'],
  [[100, 64, 0, 0], 10, 'shared'],
  [[169, 254, 0, 0], 16, 'link_local'],
  [[192, 0, 0, 0], 24, 'reserved'],
  [[198, 18, 0, 0], 15, 'reserved'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved'],
];

const V6_RULES: Rule[] = [
  [[], 128, 'unspecified'],
  [[...Array<number>(15).fill(0), 1], 128, 'loopback'],
  [[0xfe, 0x80], 10, 'link_local'],
  [[0xfe, 0xc0], 10, 'reserved'], // site-local (deprecated)
  [[0xfc], 7, 'unique_local'],
  [[0xff], 8, 'multicast'],
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, 'reserved'], // discard-only
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, 'reserved'], // local-use NAT64
  [[0x20, 0x01, 0x00, 0x00], 32, 'reserved'], // Teredo (embeds an obfuscated IPv4 address)
];

/** IPv6 prefixes that carry an IPv4 address, and where: mapped, compatible, NAT64, 6to4. */
const V6_EMBEDDING: [prefix: number[], bits: number, v4At: number][] = [
  [[...Array<number>(10).fill(0), 0xff, 0xff], 96, 12],
  [Array<number>(12).fill(0), 96, 12],
  [[0x00, 0x64, 0xff, 0x9b, ...Array<number>(8).fill(0)], 96, 12],
  [[0x20, 0x02], 16, 2],
];

function matches(bytes: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; i < bits; i += 8) {
    const mask = bits - i >= 8 ? 0xff : (0xff << (8 - (bits - i))) & 0xff;
    if (((bytes[i / 8] ?? 0) & mask) !== ((prefix[i / 8] ?? 0) & mask)) return false;
  }
  return true;
}

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** The 16 bytes of a valid IPv6 address (a zone index is ignored; an IPv4 tail is allowed). */
function ipv6Bytes(address: string): number[] {
  let s = address.split('%')[0] ?? '';
  const tail = s.slice(s.lastIndexOf(':') + 1);
  if (tail.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = ipv4Bytes(tail);
    s = `${s.slice(0, s.lastIndexOf(':') + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const [head = '', rest] = s.split('::');
  const hi = groups(head);
  const lo = rest === undefined ? [] : groups(rest);
  const all = [...hi, ...Array<number>(8 - hi.length - lo.length).fill(0), ...lo];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

function categoryOfV4(bytes: number[]): AddressCategory | null {
  return V4_RULES.find(([prefix, bits]) => matches(bytes, prefix, bits))?.[2] ?? null;
}

/** Why an IP address may not receive webhooks, or null for a public address (not an IP → null). */
export function blockedCategory(address: string): AddressCategory | null {
  const kind = net.isIP(address.split('%')[0] ?? '');
  if (kind === 4) return categoryOfV4(ipv4Bytes(address));
  if (kind !== 6) return null;
  const bytes = ipv6Bytes(address);
  const rule = V6_RULES.find(([prefix, bits]) => matches(bytes, prefix, bits));
  if (rule) return rule[2];
  for (const [prefix, bits, at] of V6_EMBEDDING) {
    if (matches(bytes, prefix, bits)) return categoryOfV4(bytes.slice(at, at + 4));
  }
  return null;
}

/** The refusal of a URL or address, as the API and the delivery log show it. */
function forbidden(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('WEBHOOK_URL_FORBIDDEN', message, details);
}

function addressRefusal(host: string, address: string, category: AddressCategory): AppError {
  const where = host === address ? `${address} ` : `${host}（解析为 ${address}）`;
  return forbidden(`接收地址 ${where}是${LABELS[category]}，不允许向其投递`, { host, address, category });
}

/** The host of a URL without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * What is wrong with a webhook URL without looking anything up: not http(s), credentials in it, or
 * a host that is a literal address of a refused kind. Null when the URL may be used.
 */
export function webhookUrlProblem(raw: string, allowPrivate: boolean): AppError | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return forbidden('接收地址不是有效的网址');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const scheme = url.protocol.replace(/:$/, '');
    return forbidden(`接收地址须为 http(s):// 网址（不支持 ${scheme}:）`, { scheme });
  }
  if (url.username || url.password) return forbidden('接收地址中不能包含用户名或密码');
  if (allowPrivate) return null;
  const host = hostOf(url);
  const category = blockedCategory(host);
  return category ? addressRefusal(host, host, category) : null;
}

export interface ResolvedAddress {
  address: string;
  family: number;
}
/** Resolves a host name to every address (dns.lookup: hosts file, then DNS). */
export type ResolveHost = (host: string) => Promise<ResolvedAddress[]>;

export const resolveHost: ResolveHost = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

function refusedAmong(host: string, addresses: ResolvedAddress[]): AppError | null {
  for (const a of addresses) {
    const category = blockedCategory(a.address);
    if (category) return addressRefusal(host, a.address, category);
  }
  return null;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`DNS lookup timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Registration check: the URL (`webhookUrlProblem`) and, unless private addresses are allowed, every
 * address its host name resolves to. Throws WEBHOOK_URL_FORBIDDEN, or WEBHOOK_URL_UNRESOLVABLE when
 * the name cannot be resolved (it could not be checked, nor delivered to).
 */
export async function assertWebhookUrlAllowed(
  raw: string,
  opts: { allowPrivate: boolean; timeoutMs: number; resolve?: ResolveHost },
): Promise<void> {
  const problem = webhookUrlProblem(raw, opts.allowPrivate);
  if (problem) throw problem;
  if (opts.allowPrivate) return;
  const host = hostOf(new URL(raw));
  if (net.isIP(host)) return;
  let addresses: ResolvedAddress[];
  try {
    addresses = await withTimeout((opts.resolve ?? resolveHost)(host), opts.timeoutMs);
  } catch (e) {
    throw new AppError('WEBHOOK_URL_UNRESOLVABLE', undefined, { host }, { cause: e });
  }
  if (addresses.length === 0) throw new AppError('WEBHOOK_URL_UNRESOLVABLE', undefined, { host });
  const refused = refusedAmong(host, addresses);
  if (refused) throw refused;
}

/**
 * A `lookup` for http(s).request that refuses the connection when the host name resolves to any
 * refused address — the check at the moment of connecting. (Literal IP hosts are not looked up:
 * `webhookUrlProblem` covers them.)
 */
export function guardedLookup(resolve: ResolveHost = resolveHost): LookupFunction {
  const lookup = (
    host: string,
    options: dns.LookupOptions,
    callback: (err: Error | null, address: string | ResolvedAddress[], family?: number) => void,
  ): void => {
    resolve(host).then(
      (all) => {
        const refused = refusedAmong(host, all);
        if (refused) return callback(refused, '');
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const addresses = all.filter((a) => !family || a.family === family);
        const first = addresses[0];
        if (!first) {
          const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
          return callback(err, '');
        }
        if (options.all) return callback(null, addresses);
        return callback(null, first.address, first.family);
      },
      (err: Error) => callback(err, ''),
    );
  };
  return lookup;
}
