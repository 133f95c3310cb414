/**
 * The Intellixent API credential's `authenticate`, applied as n8n's CredentialsHelper applies it:
 * for tests that run requests through n8n-core's real request helpers without a running n8n.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { IntellixentApi } from '../../credentials/IntellixentApi.credentials';

export async function authenticate(
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
) {
	const apply = new IntellixentApi().authenticate as (
		c: ICredentialDataDecryptedObject,
		o: IHttpRequestOptions,
	) => Promise<IHttpRequestOptions>;
	return apply(credentials, options);
}
