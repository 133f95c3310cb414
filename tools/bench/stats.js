'use strict';
/** Small statistics helpers shared by the benchmark parts. */

/** The p-th percentile (0..100) of an array of numbers, nearest-rank on a sorted copy. */
function percentile(values, p) {
	if (values.length === 0) return NaN;
	const sorted = Float64Array.from(values).sort();
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank];
}

function mean(values) {
	if (values.length === 0) return NaN;
	let sum = 0;
	for (const v of values) sum += v;
	return sum / values.length;
}

function median(values) {
	return percentile(values, 50);
}

/** Summary of latencies in one unit: { n, p50, p99, mean, min, max }. */
function summarize(values) {
	return {
		n: values.length,
		p50: percentile(values, 50),
		p99: percentile(values, 99),
		mean: mean(values),
		min: values.length ? values.reduce((a, b) => (b < a ? b : a), Infinity) : NaN,
		max: values.length ? values.reduce((a, b) => (b > a ? b : a), -Infinity) : NaN,
	};
}

module.exports = { median, summarize };
