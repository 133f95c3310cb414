// n8n's own community-node lint configuration (the one `n8n-node lint` uses), applied with its
// full strictness to what ships: nodes/, credentials/ and package.json. Test, emulator and tooling
// code may use Node's APIs (timers, process, fs), so it gets the ordinary TypeScript rules instead.
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
