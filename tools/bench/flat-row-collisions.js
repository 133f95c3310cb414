'use strict';
/**
 * Flat Row naming cost when many nested paths flatten to one column name.
 *
 *   node tools/bench/flat-row-collisions.js <distDir> [kB ...]
 *
 * Builds payloads whose `extracted_variables` (and `input_variables`) hold every way of splitting
 * `a_a_a_…` into nested keys (`{"a_a": {"a": 1}, "a": {"a_a": 1}, …}`): all of them flatten to
 * the same name, the worst case for collision naming. Times the compiled `flatRow` (one call,
 * after one warm-up call on a small payload) and prints one line per size; then, where the build
 * has itemKeys.js (nodes/shared/ since the Call Trigger shares it; the trigger's folder before), the naming alone without the column cap. A measurement, not a test: nothing
 * is asserted. `<distDir>` may be an older build (0.1.0: outputShapes.js) to compare.
 */
const fs = require('node:fs');
const path = require('node:path');

const distDir = path.resolve(process.argv[2] || 'dist');
const sizesKb = process.argv.slice(3).map(Number);
const shapesDir = path.join(distDir, 'nodes', 'IntellixentTrigger');
// flatRow.js since the fix; outputShapes.js in 0.1.0 (to measure the "before").
const moduleFile = fs.existsSync(path.join(shapesDir, 'flatRow.js'))
	? 'flatRow.js'
	: 'outputShapes.js';
const { flatRow } = require(path.join(shapesDir, moduleFile));

/** Every composition of `parts` a's (at most 8 levels), added until the JSON reaches `bytes`. */
function collidingVariables(bytes) {
	const root = {};
	let added = 0;
	for (let parts = 2; ; parts++) {
		for (const split of compositions(parts, 8)) {
			if (++added % 100 === 0 && JSON.stringify(root).length >= bytes) return root;
			let node = root;
			split.forEach((length, i) => {
				const key = Array(length).fill('a').join('_');
				if (i === split.length - 1) {
					if (!(key in node)) node[key] = 1;
				} else {
					if (typeof node[key] !== 'object') node[key] = {};
					node = node[key];
				}
			});
		}
	}
}

function* compositions(n, maxParts) {
	if (n === 0) {
		yield [];
		return;
	}
	if (maxParts === 0) return;
	for (let first = 1; first <= n; first++) {
		for (const rest of compositions(n - first, maxParts - 1)) yield [first, ...rest];
	}
}

function payload(kb, field) {
	return {
		conversation_id: 'c0ffee00-0000-4000-8000-000000000001',
		assistant_id: 'f9e8d7c6-b5a4-3210-fedc-ba9876543210',
		transcript: [],
		[field]: collidingVariables(kb * 1024),
	};
}

flatRow(payload(2, 'extracted_variables'));
for (const kb of sizesKb.length ? sizesKb : [70, 230, 410]) {
	for (const field of ['extracted_variables', 'input_variables']) {
		const body = payload(kb, field);
		const bytes = JSON.stringify(body).length;
		const start = process.hrtime.bigint();
		const row = flatRow(body);
		const ms = Number(process.hrtime.bigint() - start) / 1e6;
		const columns = Object.keys(row).length;
		console.log(
			`${field.padEnd(19)} ${String(Math.round(bytes / 1024)).padStart(4)} kB body: ${ms.toFixed(1).padStart(9)} ms, ${columns} columns`,
		);
	}
}

// Naming alone, without the column cap: n writes of one name with the remembered suffixes (now),
// and with the search starting at `_2` each time (0.1.0). Only where itemKeys.js exists.
const itemKeysFile = [
	path.join(distDir, 'nodes', 'shared', 'itemKeys.js'),
	path.join(shapesDir, 'itemKeys.js'),
].find((file) => fs.existsSync(file));
if (itemKeysFile) {
	const { setUniqueKey } = require(itemKeysFile);
	for (const n of [4800, 16000, 28733]) {
		const times = [new Map(), undefined].map((suffixes) => {
			const target = {};
			const start = process.hrtime.bigint();
			for (let i = 0; i < n; i++) setUniqueKey(target, 'a_a_a', i, suffixes);
			return Number(process.hrtime.bigint() - start) / 1e6;
		});
		console.log(
			`naming ${String(n).padStart(5)} colliding names: ${times[0].toFixed(1)} ms now, ${times[1].toFixed(1)} ms searching from _2 each time`,
		);
	}
}
