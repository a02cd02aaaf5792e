/**
 * Where the platform may POST an agency's notifications (issue 10, item 8). The platform makes
 * outbound requests to a URL an agency chose, so the URL is the classic server-side request forgery
 * lever: an agency could point it at the metadata service, the database's admin port or another
 * department's intranet service and use the platform as its proxy. The defence:
 *
 *   - http: and https: only, no credentials in the URL;
 *   - the host must be allowed by `WEBHOOK_ALLOWED_HOSTS`: a comma-separated list of host names
 *     (matched exactly), IP addresses and CIDR blocks. A host name not listed by name is allowed
 *     only when every address it resolves to is in a listed block — checked at registration and
 *     again at every delivery on the address actually connected to (dispatcher.ts), so a name
 *     re-pointed later (DNS rebinding) is refused then;
 *   - the default outside production is loopback and the private (intranet) ranges; in production
 *     nothing is allowed until the bureau lists its agencies' receivers.
 */
import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';

export const DEVELOPMENT_ALLOWED_HOSTS = 'localhost,127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16';

export class WebhookAllowList {
  private readonly names = new Set<string>();
  private readonly blocks = new BlockList();
  private empty = true;

  /** @param spec the WEBHOOK_ALLOWED_HOSTS syntax; a bad entry throws (a misconfiguration must not pass silently). */
  constructor(readonly spec: string) {
    for (const raw of spec.split(',').map((s) => s.trim().toLowerCase())) {
      if (!raw) continue;
      this.empty = false;
      const [address, bits] = raw.split('/');
      const family = isIP(address);
      if (family) {
        const type = family === 4 ? 'ipv4' : 'ipv6';
        const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
        if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) throw new RangeError(`WEBHOOK_ALLOWED_HOSTS: bad CIDR ${raw}`);
        this.blocks.addSubnet(address, prefix, type);
      } else if (bits === undefined && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(raw)) {
        this.names.add(raw);
      } else {
        throw new RangeError(`WEBHOOK_ALLOWED_HOSTS: not a host name, address or CIDR block: ${raw}`);
      }
    }
  }

  get isEmpty(): boolean {
    return this.empty;
  }

  allowsName(hostname: string): boolean {
    return this.names.has(hostname.toLowerCase());
  }

  allowsAddress(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.blocks.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }
}

/** The allow-list from the environment (the development default unless NODE_ENV=production). */
export function webhookAllowList(env: NodeJS.ProcessEnv = process.env): WebhookAllowList {
  const spec = env.WEBHOOK_ALLOWED_HOSTS ?? (env.NODE_ENV === 'production' ? '' : DEVELOPMENT_ALLOWED_HOSTS);
  return new WebhookAllowList(spec);
}

/** The URL's host without IPv6 brackets. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** Why a webhook URL is refused, or null when it is acceptable (resolving its host if it must). */
export async function webhookUrlRefusal(value: string, allow: WebhookAllowList): Promise<string | null> {
  if (value.length > 2000) return 'the URL is longer than 2000 characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http: and https: URLs are delivered to, not ${url.protocol}`;
  if (url.username || url.password) return 'the URL must not carry credentials';
  if (allow.isEmpty) return 'no webhook host is allowed on this platform (WEBHOOK_ALLOWED_HOSTS is empty)';
  const host = hostOf(url);
  if (allow.allowsName(host)) return null;
  if (isIP(host)) return allow.allowsAddress(host) ? null : `${host} is not an allowed webhook host (WEBHOOK_ALLOWED_HOSTS)`;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true });
  } catch {
    return `${host} does not resolve`;
  }
  if (!addresses.length || addresses.some((a) => !allow.allowsAddress(a.address))) return `${host} is not an allowed webhook host (WEBHOOK_ALLOWED_HOSTS)`;
  return null;
}
