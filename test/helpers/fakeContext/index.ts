/**
 * The fake n8n contexts the unit tests call node code with, one builder per kind of `this`, all on
 * one core (core.ts):
 * - executeContext: IExecuteFunctions for the action node, real HTTP helpers to an emulator;
 * - hookContext: IHookFunctions and ILoadOptionsFunctions for the trigger's webhook methods and
 *   list searches, with scripted HTTP answers;
 * - webhookContext / runWebhook: IWebhookFunctions for the trigger's webhook(), recording the
 *   response;
 * - pollContext: IPollFunctions for the Call Trigger, real HTTP helpers or a fake API.
 */
export {
	instantSleep,
	isResourceLocator,
	lookup,
	realRequestHelpers,
	requestedWaits,
	type FakeLogger,
	type LogLevel,
} from './core';
export { executeContext } from './execute';
export * from './hook';
export * from './webhook';
export * from './poll';
