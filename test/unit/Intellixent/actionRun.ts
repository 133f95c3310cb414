/**
 * What the action node's unit tests share: one emulator per test file (reset and with short
 * retries before each test), running the node on parameters through n8n-core's real HTTP helpers
 * (executeContext in test/helpers/fakeContext), and reading a failure, which must never show the API key, a
 * stack or "undefined".
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Intellixent } from '../../../nodes/Intellixent/Intellixent.node';
import * as api from '../../../nodes/shared/intellixentApi';
import { startEmulator } from '../../../tools/emulator';
import { executeContext } from '../../helpers/fakeContext';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const API_KEY = 'ix-action-key-5f1a';
const node = new Intellixent();

export const rl = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });
export const pairedIndex = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;
export const json = (output: INodeExecutionData[]) => output.map((item) => item.json);

/** Registers the file's emulator hooks; the returned functions use that emulator. */
export function actionNodeAgainstEmulator() {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ port: 0, apiKey: API_KEY });
	});
	afterAll(async () => {
		await emulator.close();
	});
	beforeEach(() => {
		emulator.reset();
		jest.restoreAllMocks();
		jest.replaceProperty(api, 'DEFAULT_RETRY_POLICY', {
			attempts: 3,
			baseDelayMs: 20,
			maxDelayMs: 1500,
			timeoutMs: 2000,
		});
	});

	async function run(
		parameters: IDataObject | ((i: number) => IDataObject),
		options: { items?: number; continueOnFail?: boolean; typeVersion?: number } = {},
	): Promise<INodeExecutionData[]> {
		const ctx = executeContext({
			baseUrl: emulator.url,
			apiKey: API_KEY,
			parameters: typeof parameters === 'function' ? parameters : () => parameters,
			...options,
		});
		const [output] = await node.execute.call(ctx);
		return output;
	}

	async function failure(
		parameters: IDataObject,
		options: { typeVersion?: number } = {},
	): Promise<NodeApiError | NodeOperationError> {
		const error = await run(parameters, options).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error instanceof NodeApiError || error instanceof NodeOperationError).toBe(true);
		const { message, description } = error as NodeApiError;
		for (const text of [message, description ?? '']) {
			expect(text).not.toContain(API_KEY);
			expect(text).not.toMatch(/undefined|\n\s+at |publish/i);
		}
		return error as NodeApiError;
	}

	return {
		emulator: () => emulator,
		run,
		failure,
		apiCalls: (path: string) => emulator.requests().filter((r) => r.path === path),
	};
}

/** A Send Template Message item whose recipient differs per item (i), as expressions would give it. */
export const templateSend = (i = 0): IDataObject => ({
	resource: 'whatsapp',
	operation: 'sendTemplate',
	sender: rl(12),
	templateId: 501,
	recipientPhone: `+3460000${String(i).padStart(4, '0')}`,
	recipientName: 'Ana',
	variables: { variable: [{ name: '1', value: 'Ana' }] },
});
