import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { BlockList, isIP } from "node:net";

/**
 * Addresses a crawler must not reach unless told to: loopback, private networks, link-local
 * (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and the unspecified address.
 * A public page linking to http://10.0.0.1/ must not make us probe the user's own network.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) PRIVATE.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) PRIVATE.addSubnet(network, prefix, "ipv6");

for (const [network, prefix] of [["64:ff9b:1::", 48], ["2001::", 32]] as const) PRIVATE.addSubnet(network, prefix, "ipv6"); // local NAT64, Teredo

/** An IPv6 address as its eight 16-bit groups (a dotted IPv4 tail included). */
function groupsOf(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") as [string, string] : [text, null];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = tail === null ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((g) => parseInt(g, 16));
}

/** The IPv4 address an IPv6 one carries to an IPv4 host: NAT64 (64:ff9b::/96) or 6to4 (2002::/16). */
function embeddedIPv4(address: string): string | null {
  const g = groupsOf(address);
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4(g[6]!, g[7]!);
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!);
  return null;
}

/** Whether an IP address (v4 or v6, v4-mapped v6 included) is private, loopback or otherwise not public. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  // BlockList matches ::ffff:a.b.c.d against the IPv4 subnets too.
  if (PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6")) return true;
  // A public-looking IPv6 address that a gateway turns into a private IPv4 one.
  const inner = family === 6 ? embeddedIPv4(address) : null;
  return inner !== null && PRIVATE.check(inner, "ipv4");
}

export class PrivateAddressError extends Error {
  readonly code = "EPRIVATE";
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A dns.lookup for http.request that refuses private addresses: the check is on the address
 * actually connected to, so a public name that resolves to 127.0.0.1 is refused as well.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      const usable = allowPrivate ? list : list.filter((a) => !isPrivateAddress(a.address));
      if (usable.length === 0) {
        return callback(new PrivateAddressError(`${hostname} resolves to a private or loopback address (${list.map((a) => a.address).join(", ")}); pass --allow-private to crawl it`), []);
      }
      if (options.all) return callback(null, usable);
      callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

/** For a URL whose host is an IP literal (no lookup happens): why it is refused, or null. */
export function literalAddressRefusal(url: URL, allowPrivate: boolean): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (allowPrivate || isIP(host) === 0 || !isPrivateAddress(host)) return null;
  return `${host} is a private or loopback address; pass --allow-private to crawl it`;
}
