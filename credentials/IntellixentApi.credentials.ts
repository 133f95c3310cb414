import type {
	IAuthenticate,
	IAuthenticateRuleResponseCode,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { authenticateWithApiKey } from '../nodes/shared/apiKeyAuthentication';
import { DEFAULT_BASE_URL } from '../nodes/shared/baseUrl';
import { CREDENTIAL_TYPE } from '../nodes/shared/intellixentApi';

/** Statuses of a redirect: the credential test follows none (see authenticateWithApiKey). */
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

export class IntellixentApi implements ICredentialType {
	name = CREDENTIAL_TYPE;

	displayName = 'Intellixent API';

	icon: Icon = { light: 'file:intellixent.svg', dark: 'file:intellixent.dark.svg' };

	documentationUrl =
		'https://github.com/intellixent/n8n-nodes-intellixent/blob/main/docs/credential.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Create one in the Intellixent portal: Account settings > API Keys > Create new API Key',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'Address of the Intellixent portal, https:// and nothing after the host. Change it only for a regional or test server; plain http:// only for one on this machine or a private network.',
		},
	];

	/**
	 * Adds `Authorization: Bearer <key>`, but only for the Base URL's origin, never across a
	 * redirect, and never with a Base URL that has a query, fragment, user-info or remote http://.
	 */
	authenticate: IAuthenticate = authenticateWithApiKey;

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{(($credentials.baseUrl || "").trim() || "${DEFAULT_BASE_URL}").replace(/\\/+$/, "").replace(/\\/api$/i, "")}}`,
			url: '/api/user/assistants/get',
			qs: { per_page: 1 },
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Intellixent rejected the API key (401 Unauthenticated). Copy the key again from Account settings > API Keys in the Intellixent portal.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: `Intellixent answered 404 Not Found: check the Base URL (normally ${DEFAULT_BASE_URL}).`,
				},
			},
			...REDIRECT_STATUSES.map((value) => ({
				type: 'responseCode',
				properties: {
					value,
					message: `The Base URL answered with a redirect (${value}), which was not followed, so the API key went nowhere else. The Intellixent API does not redirect: set the Base URL to the address the API answers at (normally ${DEFAULT_BASE_URL}; https://, not http://).`,
				},
			})),
			{
				// A 2xx without the assistants list's paging field: a login page, a proxy, another site.
				type: 'responseSuccessBody',
				properties: {
					key: 'current_page',
					value: undefined,
					message: `This is not the Intellixent API: the Base URL answered without Intellixent's JSON (a login page, a proxy or another site). Set the Base URL to the Intellixent portal address (normally ${DEFAULT_BASE_URL}).`,
				},
			},
			// n8n's type wants one kind of rule per list; its credential tester checks each rule by its
			// own type (status rules on an error answer, body rules on a 2xx), so both kinds work.
		] as unknown as IAuthenticateRuleResponseCode[],
	};
}
