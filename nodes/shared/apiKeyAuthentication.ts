/**
 * How the Intellixent API credential adds the API key to a request, and when it refuses to.
 *
 * n8n applies a credential to every request made with it: this node's API calls, the credential
 * test, and an HTTP Request node a user points at this credential. So the rules sit here, where no
 * caller can skip them: the Base URL must be usable (see baseUrl.ts), the key goes only to the
 * Base URL's origin, and the request follows no redirect (n8n's HTTP client would otherwise copy
 * the `Authorization` header to whatever host the redirect names).
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { baseUrlProblem, normalizeBaseUrl } from './baseUrl';

/** The absolute URL a request goes to, combined the way n8n's HTTP client (axios) combines it. */
function requestTarget(options: IHttpRequestOptions & { uri?: string }): string {
	const url = options.url ?? options.uri ?? '';
	if (/^([a-z][a-z\d+.-]*:)?\/\//i.test(url) || !options.baseURL) return url;
	return `${options.baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

function originOf(url: string): string | undefined {
	try {
		return new URL(url).origin;
	} catch {
		return undefined;
	}
}

export async function authenticateWithApiKey(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const baseUrl = typeof credentials.baseUrl === 'string' ? credentials.baseUrl : undefined;
	const problem = baseUrlProblem(baseUrl);
	if (problem) throw new UserError(problem);
	const allowed = originOf(normalizeBaseUrl(baseUrl));
	const target = originOf(requestTarget(requestOptions));
	if (target !== allowed) {
		throw new UserError(
			`The Intellixent API key is sent only to the credential's Base URL (${allowed}); this request was for ${target ?? 'an address that is not a valid URL'}, so it was not sent.`,
		);
	}
	return {
		...requestOptions,
		headers: {
			...requestOptions.headers,
			Authorization: `Bearer ${String(credentials.apiKey ?? '')}`,
		},
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		// The same for n8n's legacy request helper (the HTTP Request node uses it).
		...({ followRedirect: false, followAllRedirects: false } as object),
	};
}
