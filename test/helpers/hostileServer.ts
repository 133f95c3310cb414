/**
 * A local HTTP server that answers as each test tells it to (`server.handler`), for the request
 * core's tests through n8n-core's real HTTP helpers: huge, endless, dripping, repeated or oddly
 * shaped answers that the emulator has no fault for. It counts the requests it received and the
 * answers the client closed before their end.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import type { INode } from 'n8n-workflow';

import * as api from '../../nodes/shared/intellixentApi';
import type { RetryPolicy } from '../../nodes/shared/intellixentApi';
import { hookContext, realRequestHelpers, type HookContext } from './fakeContext';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface HostileServer {
	url: string;
	handler: Handler;
	/** Requests received since the last reset(). */
	received: number;
	/** Answers the client closed before they were written to the end. */
	closedEarly: number;
	/** The `page` query parameter of every request, in order. */
	pages: number[];
	reset(): void;
	/** A hook context with this API key whose HTTP is n8n-core's, to this server. */
	context(apiKey: string): HookContext;
}

/**
 * A hostile server for the test file, started before its tests and closed after them; before each
 * test its counts are reset and the request core's retry policy is `policy` (one attempt, a 5 s
 * timeout and short waits unless it says otherwise).
 */
export function useHostileServer(policy: Partial<RetryPolicy> = {}): HostileServer {
	let server: http.Server | undefined;
	const state = {
		url: '',
		handler: ((_req, res) => res.writeHead(500).end()) as Handler,
		received: 0,
		closedEarly: 0,
		pages: [] as number[],
	};
	const hostile: HostileServer = Object.assign(state, {
		reset() {
			server?.closeAllConnections();
			state.received = 0;
			state.closedEarly = 0;
			state.pages = [];
		},
		context(apiKey: string) {
			const ctx = hookContext({ credentials: { apiKey, baseUrl: state.url } });
			(ctx as unknown as { helpers: unknown }).helpers = realRequestHelpers(
				ctx,
				ctx.getNode() as INode,
			);
			return ctx;
		},
	});
	beforeAll(async () => {
		const started = http.createServer((req, res) => {
			state.received++;
			state.pages.push(Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page')));
			res.on('close', () => {
				if (!res.writableFinished) state.closedEarly++;
			});
			state.handler(req, res);
		});
		await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
		state.url = `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
		server = started;
	});
	afterAll(async () => {
		server?.closeAllConnections();
		await new Promise((resolve) => server?.close(resolve));
	});
	beforeEach(() => {
		hostile.reset();
		jest.replaceProperty(api, 'DEFAULT_RETRY_POLICY', {
			attempts: 1,
			baseDelayMs: 20,
			maxDelayMs: 100,
			timeoutMs: 5000,
			...policy,
		});
	});
	return hostile;
}

/** Answers `body` (JSON-encoded unless it is text) with status 200. */
export function json(res: http.ServerResponse, body: unknown) {
	res
		.writeHead(200, { 'Content-Type': 'application/json' })
		.end(typeof body === 'string' ? body : JSON.stringify(body));
}
