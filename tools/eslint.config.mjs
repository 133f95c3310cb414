// The tools (emulator, dev loop, docs generation, bench) run in Node, never inside n8n, like the
// tests: they get the tests' ESLint configuration, not n8n's community-node rules for what ships.
export { default } from '../test/eslint.config.mjs';
