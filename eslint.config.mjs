// n8n's own community-node lint configuration (the one `n8n-node lint` uses), applied with its
// full strictness to what ships: nodes/, credentials/ and package.json. Test, emulator and tooling
// code may use Node's APIs (timers, process, fs), so it gets the ordinary TypeScript rules instead.
// `npm run lint` is n8n's own `n8n-node lint`, which runs this file. package.json sets
// `"strict": false` in its `n8n` section because strict mode only accepts the two-line template
// (which would apply the shipped-code rules to the tests too); the rules on what ships are the same.
import js from '@eslint/js';
import { config as n8nCommunityConfig } from '@n8n/node-cli/eslint';
import tseslint from 'typescript-eslint';

const SHIPPED_TS = ['nodes/**/*.ts', 'credentials/**/*.ts'];

const shipped = n8nCommunityConfig.map((block) =>
	Array.isArray(block.files) && block.files.includes('**/*.ts') ? { ...block, files: SHIPPED_TS } : block,
);

export default [
	...shipped,
	...tseslint.config({
		files: ['test/**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: { '@typescript-eslint/no-explicit-any': 'off' },
	}),
];
