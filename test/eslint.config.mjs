// ESLint configuration of everything under test/ (unit and end-to-end tests, the package checks)
// and, through tools/eslint.config.mjs, under tools/ (the emulator, the dev loop, the bench). This
// code runs in Node, never inside n8n, so it may use
// timers, `process`, files and child processes, which n8n's community-node rules (the root
// eslint.config.mjs, n8n's unchanged template, strict mode) forbid in what ships.
//
// `npm run lint` runs `n8n-node lint` with ESLint's config lookup from the linted file
// (`ESLINT_FLAGS=unstable_config_lookup_from_file`; the default from ESLint 10 on), so files under
// test/ and tools/ get this configuration and everything else gets n8n's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config({
	files: ['**/*.ts'],
	extends: [js.configs.recommended, tseslint.configs.recommended],
	rules: {
		'@typescript-eslint/no-explicit-any': 'off',
		// Prettier breaks long member chains before `[`, which this rule reports (eslint-config-prettier
		// turns it off for the same reason).
		'no-unexpected-multiline': 'off',
	},
});
