#!/usr/bin/env node
'use strict';
/**
 * Command line for the local Intellixent API emulator. Run `node tools/emulator/cli.js --help`.
 * Exit codes: 0 ok / delivered, 1 delivery failed, 2 usage or connection error.
 * The commands are in cli/ (serve, send, state and reset).
 */

const { CLI, CliError } = require('./cli/common.js');
const { serve } = require('./cli/serve.js');
const { send } = require('./cli/send.js');
const { showState, reset } = require('./cli/state.js');

const HELP = `Local Intellixent API emulator

Usage:
  ${CLI} serve [--port 4010] [--host 127.0.0.1] [--api-key KEY] [--retry-scale 1] [--api-forms path] [--quiet]
  ${CLI} send  [--emulator URL] [--assistant UUID|ID] [--sample widget|whatsapp] [--file payload.json]
               [--set key=value ...] [--unset key ...] [--to URL] [--no-wait]
  ${CLI} state [--emulator URL] [--json]
  ${CLI} reset [--emulator URL]

Run "${CLI} <command> --help" for details.`;

/**
 * @param {string[]} argv
 * @returns {Promise<number>}
 */
async function main(argv) {
	const [command, ...rest] = argv;
	/** @type {Record<string, (args: string[]) => Promise<number>>} */
	const commands = { serve, send, state: showState, reset };
	if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
		console.log(HELP);
		return command === undefined ? 2 : 0;
	}
	if (!commands[command]) throw new CliError(`Unknown command "${command}". Run "${CLI} --help".`);
	return commands[command](rest);
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(error) => {
		if (error instanceof CliError) {
			console.error(`Error: ${error.message}`);
		} else {
			console.error('Unexpected error:', error);
		}
		process.exitCode = 2;
	},
);
