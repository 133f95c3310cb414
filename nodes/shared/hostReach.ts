/**
 * Which hosts the internet cannot reach. Two checks depend on it: a webhook URL that Intellixent
 * (on the internet) could never call, and a plain-http Base URL, which is fine only when the API
 * key stays on this machine or a private network.
 *
 * The host is classified from its text only (no DNS lookup: node code does no I/O of its own, and
 * a name that resolves publicly today may not tomorrow). Hosts come from WHATWG URL parsing, so
 * IPv4 is already dotted-decimal (`2130706433` and `0x7f.1` become `127.0.0.1`) and IPv6 is
 * bracketed and compressed (`[::ffff:127.0.0.1]` becomes `[::ffff:7f00:1]`).
 */

/** Name suffixes that never resolve on the public internet (RFC 2606, 6761, 6762, 8375; ICANN 2024). */
const RESERVED_SUFFIXES = [
	'localhost',
	'local',
	'internal',
	'home.arpa',
	'test',
	'invalid',
	'example',
];

/** [first address, prefix length, what it is] */
const NON_PUBLIC_IPV4: Array<[string, number, string]> = [
	['127.0.0.0', 8, 'a loopback address (this machine)'],
	['0.0.0.0', 8, 'an unspecified address'],
	['10.0.0.0', 8, 'a private network address'],
	['172.16.0.0', 12, 'a private network address'],
	['192.168.0.0', 16, 'a private network address'],
	['100.64.0.0', 10, 'a carrier-grade NAT address'],
	['169.254.0.0', 16, 'a link-local address'],
];

function ipv4Number(text: string): number | undefined {
	const parts = text.split('.');
	if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255))
		return undefined;
	return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function ipv4Reason(address: number): string | undefined {
	for (const [first, prefix, reason] of NON_PUBLIC_IPV4) {
		const size = 2 ** (32 - prefix);
		if (Math.floor(address / size) === Math.floor(ipv4Number(first)! / size)) return reason;
	}
	return undefined;
}

/** The eight 16-bit groups of an IPv6 address (without brackets), or undefined. */
function ipv6Groups(text: string): number[] | undefined {
	let tail = text;
	const groups: number[] = [];
	const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(tail);
	if (v4) {
		const n = ipv4Number(v4[1]);
		if (n === undefined) return undefined;
		tail = tail.slice(0, -v4[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
	}
	const halves = tail.split('::');
	if (halves.length > 2) return undefined;
	const read = (part: string) => (part ? part.split(':') : []);
	const head = read(halves[0]);
	const rest = halves.length === 2 ? read(halves[1]) : [];
	const missing = 8 - head.length - rest.length;
	if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
	for (const g of [
		...head,
		...Array<string>(halves.length === 2 ? missing : 0).fill('0'),
		...rest,
	]) {
		if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
		groups.push(parseInt(g, 16));
	}
	return groups;
}

function ipv6Reason(groups: number[]): string | undefined {
	const leadingZeros = groups.slice(0, 7).every((g) => g === 0);
	if (leadingZeros && groups[7] === 1) return 'a loopback address (this machine)';
	if (leadingZeros && groups[7] === 0) return 'an unspecified address';
	if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
		return ipv4Reason(groups[6] * 65536 + groups[7]);
	}
	if ((groups[0] & 0xfe00) === 0xfc00) return 'a unique local (private) IPv6 address';
	if ((groups[0] & 0xffc0) === 0xfe80) return 'a link-local IPv6 address';
	return undefined;
}

function nameReason(name: string): string | undefined {
	if (name === 'localhost' || name.endsWith('.localhost')) return 'a loopback name (this machine)';
	if (!name.includes('.'))
		return 'a name without a domain, which resolves only inside a local network';
	const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(`.${s}`));
	return suffix ? `a .${suffix} name, which never resolves on the internet` : undefined;
}

/**
 * Why `hostname` (as `new URL(...).hostname` gives it) cannot be reached from the internet, in
 * words that fit "… points at HOST, REASON"; undefined for a public host.
 */
export function nonPublicHostReason(hostname: string): string | undefined {
	const host = hostname.toLowerCase().replace(/\.+$/, '');
	if (host.startsWith('[') && host.endsWith(']')) {
		const groups = ipv6Groups(host.slice(1, -1));
		return groups ? ipv6Reason(groups) : undefined;
	}
	const v4 = ipv4Number(host);
	if (v4 !== undefined) return ipv4Reason(v4);
	return nameReason(host);
}
