/**
 * Refuses to register a webhook URL that Intellixent can never reach: a loopback or unspecified
 * host (n8n started without WEBHOOK_URL) while the credential points at a remote Intellixent.
 * A local Intellixent (an emulator or test server on the same machine) can reach it, so that case
 * is allowed. Same idea as n8n's GitHub trigger refusing `//localhost` URLs.
 */
const LOCAL_HOST = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\]|::1?)$/i;

export function isLocalHost(hostname: string): boolean {
	return LOCAL_HOST.test(hostname);
}

/** Returns a message explaining the problem, or undefined when the URL is fine. */
export function unreachableWebhookUrlProblem(webhookUrl: string, intellixentBaseUrl: string): string | undefined {
	let webhookHost: string;
	let apiHost: string;
	try {
		webhookHost = new URL(webhookUrl).hostname;
	} catch {
		return `n8n produced a webhook URL that is not a valid URL (${webhookUrl}). Set the WEBHOOK_URL environment variable of n8n to its public address, e.g. https://n8n.example.com/, and restart n8n.`;
	}
	try {
		apiHost = new URL(intellixentBaseUrl).hostname;
	} catch {
		return `The Base URL in the Intellixent API credential is not a valid URL (${intellixentBaseUrl}).`;
	}
	if (isLocalHost(webhookHost) && !isLocalHost(apiHost)) {
		return `This n8n's webhook URL points at ${webhookHost}, which Intellixent (${apiHost}) cannot reach. Set the WEBHOOK_URL environment variable of n8n to its public address (e.g. WEBHOOK_URL=https://n8n.example.com/), restart n8n and publish again. For local testing, expose n8n with a tunnel or point the credential at the local emulator.`;
	}
	return undefined;
}
