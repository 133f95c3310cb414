/** Logged values cannot forge log lines or terminal output. */
import { LOG_VALUE_MAX_LENGTH, logText } from '../../../nodes/shared/logText';

describe('logText', () => {
	it.each([
		['a\nb', 'a\\nb'],
		['a\r\nb', 'a\\r\\nb'],
		['a\tb', 'a\\tb'],
		['\u001b[31mred', '\\u001b[31mred'],
		['nul\u0000', 'nul\\u0000'],
		['del\u007f', 'del\\u007f'],
		['c1\u0085', 'c1\\u0085'],
		['line\u2028para\u2029', 'line\\u2028para\\u2029'],
		['rtl\u202eoverride\u2066', 'rtl\\u202eoverride\\u2066'],
	])('escapes %j', (value, expected) => {
		expect(logText(value)).toBe(expected);
	});

	it('leaves ordinary text, unicode included, as it is', () => {
		expect(logText('f9e8d7c6-b5a4 ünïcödé 李 🙂 "quoted"')).toBe(
			'f9e8d7c6-b5a4 ünïcödé 李 🙂 "quoted"',
		);
	});

	it('cuts a long value and says how much was left out', () => {
		const text = logText('x'.repeat(LOG_VALUE_MAX_LENGTH + 1234));
		expect(text).toBe(`${'x'.repeat(LOG_VALUE_MAX_LENGTH)}… (1234 more characters)`);
		expect(logText('y'.repeat(30), 10)).toBe(`${'y'.repeat(10)}… (20 more characters)`);
	});

	it('writes other values as text', () => {
		expect(logText(42)).toBe('42');
	});
});
