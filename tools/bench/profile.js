'use strict';
/**
 * Hot spots of the trigger path: runs inprocess-worker.js in 'profile' mode under --cpu-prof and
 * attributes the sampled CPU time spent inside handleDelivery (the node's own work, after n8n's
 * JSON.parse) to functions, as milliseconds per delivery.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { run } = require('../process');

const WORKER = path.join(__dirname, 'inprocess-worker.js');

function frameKey(frame, distDir) {
	const url = frame.url || '';
	let where;
	if (distDir && url.includes(distDir))
		where = path.relative(distDir, url.replace(/^file:\/\//, ''));
	else if (url.includes('/node_modules/'))
		where = url.slice(url.lastIndexOf('/node_modules/') + 14);
	else if (url.startsWith('node:')) where = url;
	else where = url ? path.basename(url) : '(native)';
	return `${frame.functionName || '(anonymous)'} ${where}${url ? `:${frame.lineNumber + 1}` : ''}`;
}

/**
 * Inclusive and self time (µs) of each frame, over samples whose stack contains `rootName` (every
 * sample but idle ones when rootName is null).
 */
function attribute(profile, rootName, distDir) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
	const timeOf = new Map();
	for (let i = 0; i < profile.samples.length; i++) {
		const id = profile.samples[i];
		timeOf.set(id, (timeOf.get(id) || 0) + (profile.timeDeltas[i] || 0));
	}
	const inclusive = new Map();
	const self = new Map();
	let rootTotal = 0;
	let total = 0;
	for (const [id, t] of timeOf) {
		total += t;
		const stack = [];
		for (
			let cur = id, guard = 0;
			cur !== undefined && guard < 10000;
			cur = parent.get(cur), guard++
		)
			stack.push(byId.get(cur));
		if (
			rootName === null
				? stack[0].callFrame.functionName === '(idle)'
				: !stack.some((n) => n.callFrame.functionName === rootName)
		)
			continue;
		rootTotal += t;
		const selfKey = frameKey(stack[0].callFrame, distDir);
		self.set(selfKey, (self.get(selfKey) || 0) + t);
		const seen = new Set();
		for (const n of stack) {
			const key = frameKey(n.callFrame, distDir);
			if (seen.has(key)) continue;
			seen.add(key);
			inclusive.set(key, (inclusive.get(key) || 0) + t);
		}
	}
	return { inclusive, self, rootTotal, total };
}

/**
 * Profile `messages`/`shape` for ~timeMs. Returns { deliveries, perDeliveryMs, ownFunctions,
 * topSelf } where times are ms per delivery inside handleDelivery.
 */
async function profileTriggerPath({
	distDir,
	messages,
	shape = 'conversation',
	timeMs = 4000,
	env,
}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intellixent-bench-prof-'));
	try {
		const { stdout } = await run(
			process.execPath,
			[
				'--cpu-prof',
				'--cpu-prof-dir',
				dir,
				'--cpu-prof-interval',
				'200',
				WORKER,
				JSON.stringify({ distDir, messages, shape, mode: 'profile', timeMs, maxIters: 1e6 }),
			],
			{ env, timeoutMs: timeMs * 4 + 30000, label: 'profile worker' },
		);
		const result = JSON.parse(stdout.trim().split('\n').pop());
		const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
		if (!file) throw new Error('no .cpuprofile written');
		const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
		const { inclusive, self, rootTotal } = attribute(profile, 'handleDelivery', distDir);
		const per = (us) => us / 1000 / result.deliveries;
		// The package's functions (not the webhook() wrapper, whose sync part is handleDelivery's),
		// and the library calls they spend their time in: zod's parse, Buffer decoding, HMAC.
		const external = [
			/^_parseSync zod\//,
			/^toString node:buffer/,
			/^createHmac node:crypto/,
			/^stringify /,
		];
		const ownFunctions = [...inclusive]
			.filter(([key]) =>
				key.includes('nodes/IntellixentTrigger/') || key.includes('credentials/')
					? !/^(webhook|\(anonymous\)) /.test(key)
					: external.some((re) => re.test(key)),
			)
			.sort((a, b) => b[1] - a[1])
			.slice(0, 14)
			.map(([fn, us]) => ({ fn, msPerDelivery: per(us), share: us / rootTotal }));
		const topSelf = [...self]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 10)
			.map(([fn, us]) => ({ fn, msPerDelivery: per(us), share: us / rootTotal }));
		return {
			messages,
			shape,
			deliveries: result.deliveries,
			perDeliveryMs: per(rootTotal),
			ownFunctions,
			topSelf,
		};
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

module.exports = { attribute, profileTriggerPath };
