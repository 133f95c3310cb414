/**
 * The words of n8n 2.40.7's editor that the README and the pages in docs/ quote. The browser test
 * waits for each of them where a user meets it, and test/docs/readme.test.ts checks that the pages
 * quote them as they are, so the documentation cannot drift from what the editor says.
 */
export const EDITOR_WORDS = {
	/** The credential form after Save, when the test passed / failed, and its expander. */
	credentialTested: 'Connection tested successfully',
	credentialFailed: 'Couldn’t connect with these settings',
	moreDetails: 'More details',
	/** The Intellixent Trigger in the nodes panel, under Intellixent → Triggers (its Event). */
	triggerInPanel: 'On conversation ended',
	/** Ways to test a trigger: on the canvas, in the node's header, in its output panel. */
	executeWorkflow: 'Execute workflow',
	executeStep: 'Execute step',
	testThisTrigger: 'Test this trigger',
	/** Publishing: the dialog, and its answer. */
	publishDialog: 'Publish workflow',
	publishedDialog: 'Workflow published',
	/** An execution's trigger output, by output name. */
	conversationBranch: 'Conversation Branch',
	rejectedBranch: 'Rejected Branch',
} as const;

/**
 * The words of n8n 2.40.7's editor that examples/README.md quotes for importing an example: the
 * **…** menu beside the workflow's name (a button labelled "More actions"), its **Import** item and
 * that item's **From file**. The browser test imports an example through them, and
 * test/docs/examples.test.ts checks that examples/README.md quotes them as they are.
 */
export const IMPORT_WORDS = {
	/** The accessible name of the **…** button beside the workflow's name (not quoted). */
	workflowMenu: 'More actions',
	import: 'Import',
	fromFile: 'From file',
} as const;
