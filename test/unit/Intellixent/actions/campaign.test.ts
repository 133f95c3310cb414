/** Campaign > Start and Stop against the emulator, and the advice for a campaign without leads. */
import { actionNodeAgainstEmulator, json } from '../actionRun';

const { run, failure } = actionNodeAgainstEmulator();

describe('Campaign', () => {
	it('Start and Stop change the campaign status', async () => {
		const started = json(await run({ resource: 'campaign', operation: 'start', campaignId: 7 }));
		expect(started[0]).toMatchObject({ campaign_id: 7, status: 'in-progress', success: true });
		const stopped = json(await run({ resource: 'campaign', operation: 'stop', campaignId: 7 }));
		expect(stopped[0]).toMatchObject({ campaign_id: 7, status: 'stopped' });
	});

	it('a campaign without leads: 422 with what Intellixent said and advice to fix the parameter', async () => {
		const error = await failure({ resource: 'campaign', operation: 'start', campaignId: 8 });
		expect(error.message).toContain('Campaign has no leads.');
		expect(error.description).toMatch(/correct that parameter/);
	});
});
