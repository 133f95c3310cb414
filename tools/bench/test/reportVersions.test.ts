/**
 * The bench's "trigger 1.1 / trigger 1" line (tools/bench/report-n8n.js): the pair
 * docs/performance.md quotes must be the version-1.1 figure over the version-1 one, with both
 * deliveries/s, next to the existing ratios and not in their place.
 */

type Figures = {
	sustainedPerSecond: number;
	ackPerSecond: number;
	latency: { p50: number; p99: number };
};
type Run = Record<string, unknown>;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const report = require('../report-n8n') as {
	targetRowsN8n: (results: Record<string, unknown>) => string[][];
	renderN8nParts: (out: string[], results: Record<string, unknown>) => void;
	versionPairText: (e: Run | null | undefined) => string;
};

function figures(sustainedPerSecond: number): Figures {
	return {
		sustainedPerSecond,
		ackPerSecond: sustainedPerSecond + 1,
		latency: { p50: 100, p99: 200 },
	};
}

/** The trigger's figures over another's, as e2e.js computes them. */
function ratioOf(a: Figures, b: Figures) {
	return {
		sustained: a.sustainedPerSecond / b.sustainedPerSecond,
		ack: a.ackPerSecond / b.ackPerSecond,
		p50: a.latency.p50 / b.latency.p50,
		p99: a.latency.p99 / b.latency.p99,
	};
}

function run(workflows: Record<string, Figures>, ratios: Record<string, unknown>): Run {
	const keys = Object.keys(workflows);
	return {
		n8nVersion: '2.40.7',
		outputShape: 'flatRow',
		workflowSettings: {},
		bodyBytes: 2600,
		concurrency: 8,
		roundMs: 20000,
		warmupMs: 5000,
		order: [...keys, ...[...keys].reverse()],
		rounds: [],
		stoppedCleanly: true,
		wallMs: 120000,
		...workflows,
		...ratios,
	};
}

describe('the bench report of the trigger at version 1.1 vs version 1', () => {
	const trigger = figures(7.2);
	const triggerV1 = figures(6);
	const builtin = figures(8);
	const diy = figures(9);
	const results = {
		e2e: run(
			{ trigger, builtin, diy },
			{ ratio: ratioOf(trigger, builtin), ratioDiy: ratioOf(trigger, diy) },
		),
		e2eVersions: run({ trigger, triggerV1 }, { ratioV1: ratioOf(trigger, triggerV1) }),
	};

	it('gives the ratio of 1.1 over 1 with both deliveries/s', () => {
		expect(report.versionPairText(results.e2eVersions)).toBe('120.0 % (7.2 vs 6.0/s)');
		expect(report.versionPairText(undefined)).toBe('skipped (--skip-n8n)');
		expect(report.versionPairText({ error: 'n8n did not start' })).toBe('failed (see below)');
	});

	it('adds a row without a target to the targets and keeps the existing ratios', () => {
		const rows = report.targetRowsN8n(results);
		const pair = rows.filter(([label]) => label.startsWith('Trigger 1.1 / trigger 1'));
		expect(pair).toEqual([[expect.any(String), '120.0 % (7.2 vs 6.0/s)', 'n/a']]);
		expect(rows.map(([, measured]) => measured)).toEqual(
			expect.arrayContaining(['80.0 % (7.2 vs 9.0/s)', '90.0 % (7.2 vs 8.0/s)']),
		);
		expect(report.targetRowsN8n({ e2e: results.e2e }).some(([l]) => l.includes('1.1'))).toBe(false);
	});

	it('renders its own section with the ratio column', () => {
		const out: string[] = [];
		report.renderN8nParts(out, results);
		const text = out.join('\n');
		const section = text.slice(text.indexOf('### The trigger at node version 1.1 vs version 1'));
		expect(section).not.toBe(text);
		expect(section).toContain(
			'|  | Intellixent Trigger | Intellixent Trigger at version 1 | Trigger 1.1 / trigger 1 |',
		);
		expect(section).toContain('| Sustained deliveries/s | 7.2 | 6.0 | **120.0 %** |');
		expect(section).toContain('the same trigger at node version 1 -> NoOp');
		expect(text).toContain('Trigger / Webhook + Code (DIY)');
	});
});
