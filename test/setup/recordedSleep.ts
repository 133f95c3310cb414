/**
 * Loaded before every unit test file (jest.config.js, setupFilesAfterEnv): n8n-workflow's `sleep`
 * becomes a jest fn that still waits for real, so every wait the code asks for is recorded
 * (`requestedWaits()` in test/helpers/fakeContext). The API client's retries and the answer
 * timeout wait with it; a file whose HTTP is scripted calls `instantSleep()` (same module) once,
 * so its retries take no time. Files on real HTTP keep real waits: a timeout has to be a timeout.
 */
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: jest.fn(actual.sleep) };
});
