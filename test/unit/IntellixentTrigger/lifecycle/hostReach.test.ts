/**
 * Which webhook hosts Intellixent cannot reach, read from URLs the way n8n hands them
 * over, and the rule built on it: refuse them while the credential points at a public Intellixent,
 * allow them when Intellixent is itself local or private.
 */
import { nonPublicHostReason } from '../../../../nodes/shared/hostReach';
import { unreachableWebhookUrlProblem } from '../../../../nodes/IntellixentTrigger/webhookUrl';

const host = (url: string) => new URL(url).hostname;
const PUBLIC_API = 'https://portal.intellixent.ai';

const NON_PUBLIC: Array<[string, RegExp]> = [
	['http://localhost:5678', /loopback/],
	['http://localhost.:5678', /loopback/],
	['http://LOCALHOST', /loopback/],
	['http://n8n.localhost', /loopback/],
	['http://127.0.0.1:5678', /loopback/],
	['http://127.1.2.3', /loopback/],
	['http://2130706433', /loopback/],
	['http://0x7f.1', /loopback/],
	['http://0.0.0.0', /unspecified/],
	['http://[::1]:5678', /loopback/],
	['http://[::]:5678', /unspecified/],
	['http://[::ffff:127.0.0.1]', /loopback/],
	['http://[0:0:0:0:0:ffff:7f00:1]', /loopback/],
	['http://[::ffff:10.1.2.3]', /private/],
	['http://10.0.0.5', /private/],
	['http://172.16.0.1', /private/],
	['http://172.31.255.254', /private/],
	['http://192.168.1.10', /private/],
	['http://100.64.0.1', /carrier-grade NAT/],
	['http://169.254.169.254', /link-local/],
	['http://[fd12:3456::1]', /unique local/],
	['http://[fc00::1]', /unique local/],
	['http://[fe80::1]', /link-local/],
	['http://[febf::1]', /link-local/],
	['http://n8n:5678', /without a domain/],
	['http://n8n.:5678', /without a domain/],
	['http://host.docker.internal:5678', /\.internal name/],
	['http://n8n.corp.internal', /\.internal name/],
	['http://n8n.local', /\.local name/],
	['http://n8n.local.', /\.local name/],
	['http://n8n.home.arpa', /\.home\.arpa name/],
	['http://n8n.test', /\.test name/],
];

const PUBLIC = [
	'https://n8n.example.com',
	'https://8.8.8.8',
	'https://172.15.255.255',
	'https://172.32.0.1',
	'https://100.128.0.1',
	'https://169.253.1.1',
	'https://192.169.0.1',
	'https://11.0.0.1',
	'https://128.0.0.1',
	'https://[2001:db8::1]',
	'https://[2606:4700::1111]',
	'https://[::ffff:8.8.8.8]',
	'https://[fec0::1]',
	'https://my-local.example.com',
	'https://internal.example.com',
	'https://localhost.example.com',
];

describe('nonPublicHostReason', () => {
	it.each(NON_PUBLIC)('%s is not reachable from the internet (%s)', (url, reason) => {
		expect(nonPublicHostReason(host(url))).toMatch(reason);
	});

	it.each(PUBLIC)('%s is public', (url) => {
		expect(nonPublicHostReason(host(url))).toBeUndefined();
	});

	it('an IPv6 text it cannot read is not called private', () => {
		expect(nonPublicHostReason('[1:2:3]')).toBeUndefined();
		expect(nonPublicHostReason('[1::2::3]')).toBeUndefined();
		expect(nonPublicHostReason('[::ffff:300.1.1.1]')).toBeUndefined();
		expect(nonPublicHostReason('[zz::1]')).toBeUndefined();
	});
});

describe('unreachableWebhookUrlProblem', () => {
	it.each(NON_PUBLIC)(
		'refuses %s while Intellixent is public, saying why and mentioning WEBHOOK_URL',
		(url, reason) => {
			const problem = unreachableWebhookUrlProblem(`${url}/webhook/x/webhook`, PUBLIC_API);
			expect(problem).toContain(`points at ${host(url)}, `);
			expect(problem).toMatch(reason);
			expect(problem).toContain('which Intellixent (portal.intellixent.ai) cannot reach');
			expect(problem).toContain('WEBHOOK_URL');
		},
	);

	it.each([
		'http://127.0.0.1:9999',
		'http://localhost:8080',
		'http://10.0.0.2:8080',
		'http://192.168.1.2',
		'http://intellixent-emulator:8080',
		'http://emulator.internal',
		'http://[fd00::2]:8080',
	])('allows every local or private webhook host when Intellixent is itself at %s', (api) => {
		for (const [url] of NON_PUBLIC) {
			expect(unreachableWebhookUrlProblem(`${url}/webhook/x/webhook`, api)).toBeUndefined();
		}
	});

	it.each(PUBLIC)('allows the public webhook host %s', (url) => {
		expect(unreachableWebhookUrlProblem(`${url}/webhook/x/webhook`, PUBLIC_API)).toBeUndefined();
	});

	it('says so when n8n gives a webhook URL that is not a URL', () => {
		expect(unreachableWebhookUrlProblem('not a url', PUBLIC_API)).toContain(
			'not a valid URL (not a url)',
		);
	});

	it('an invalid Base URL is named without its user-info', () => {
		expect(unreachableWebhookUrlProblem('https://n8n.example.com/w', 'https://me:pw@')).toBe(
			'The Base URL in the Intellixent API credential is not a valid URL (https://).',
		);
	});
});
