/**
 * Refuses to register a webhook URL that Intellixent can never reach: n8n started without
 * WEBHOOK_URL (loopback), or behind a private address or a name that only resolves inside a local
 * network (`n8n`, `host.docker.internal`, `*.local`), while the credential points at a public
 * Intellixent. When Intellixent is itself local or private (the emulator, a self-hosted test
 * server), it may well reach such a host, so that case is allowed. Same idea as n8n's GitHub
 * trigger refusing `//localhost` URLs.
 */
import { withoutUserInfo } from '../shared/baseUrl';
import { nonPublicHostReason } from '../shared/hostReach';

/** Returns a message explaining the problem, or undefined when the URL is fine. */
export function unreachableWebhookUrlProblem(
	webhookUrl: string,
	intellixentBaseUrl: string,
): string | undefined {
	let webhookHost: string;
	let apiHost: string;
	try {
		webhookHost = new URL(webhookUrl).hostname;
	} catch {
		return `n8n produced a webhook URL that is not a valid URL (${webhookUrl}). Set n8n's public address in its N8N_WEBHOOK_URL environment variable (WEBHOOK_URL on n8n 1.x), e.g. https://n8n.example.com/, and restart n8n.`;
	}
	try {
		apiHost = new URL(intellixentBaseUrl).hostname;
	} catch {
		return `The Base URL in the Intellixent API credential is not a valid URL (${withoutUserInfo(intellixentBaseUrl)}).`;
	}
	const reason = nonPublicHostReason(webhookHost);
	if (reason && nonPublicHostReason(apiHost) === undefined) {
		return `This n8n's webhook URL points at ${webhookHost}, ${reason}, which Intellixent (${apiHost}) cannot reach. Set n8n's public address in its N8N_WEBHOOK_URL environment variable (WEBHOOK_URL on n8n 1.x), e.g. N8N_WEBHOOK_URL=https://n8n.example.com/, restart n8n and publish again. For local testing, expose n8n with a tunnel or point the credential at the local emulator.`;
	}
	return undefined;
}
