import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class IntellixentApi implements ICredentialType {
	name = 'intellixentApi';

	displayName = 'Intellixent API';

	icon: Icon = { light: 'file:intellixent.svg', dark: 'file:intellixent.dark.svg' };

	documentationUrl = 'https://github.com/intellixent/n8n-nodes-intellixent#credentials';

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
			default: 'https://portal.intellixent.ai',
			description:
				'Address of the Intellixent portal. Change it only for a regional or test server.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{(($credentials.baseUrl || "").trim() || "https://portal.intellixent.ai").replace(/\\/+$/, "").replace(/\\/api$/i, "")}}',
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
					message:
						'Intellixent answered 404 Not Found: check the Base URL (normally https://portal.intellixent.ai).',
				},
			},
		],
	};
}
