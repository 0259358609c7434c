/**
 * The invoke map: channel → zod input schema + zod output schema.
 *
 * Invariants:
 * - Input is parsed with `input` where it enters main (createHandlers); services receive parsed input only.
 * - Inputs are JSON-safe (they travel over IPC and HTTP); channels without input accept `undefined` or `{}`
 *   and reject unknown keys, so a typo in a caller is an error rather than silently ignored.
 * - Outputs are JSON-safe plain data (no Date, Map, class instances); `output` documents them and is
 *   checked in tests, not on every call (large lists would pay for it).
 */
import type { z } from 'zod';
import { z as zod } from 'zod';
import type { InvokeChannel } from './channels';
import { appInfoSchema, sourcesStatusSchema, warehouseStatusSchema } from './status';
import { exportDecisionsInputSchema, exportDecisionsOutputSchema } from './export';
import { decisionExplainInputSchema, decisionExplainOutputSchema, decisionListInputSchema, decisionListOutputSchema, decisionSetInputSchema, decisionSetOutputSchema, rulesActiveInputSchema, rulesActiveOutputSchema } from './decisions';
import { matchCandidatesInputSchema, matchCandidatesOutputSchema, matchChooseInputSchema, matchChooseOutputSchema } from './match';
import { dashboardSummaryInputSchema, dashboardSummarySchema } from './dashboard';
import { pipelineCancelInputSchema, pipelineCancelOutputSchema, pipelineRunInputSchema, pipelineRunOutputSchema, pipelineStatusInputSchema, pipelineStatusOutputSchema } from './pipeline';
import { modelDetectInputSchema, modelDetectOutputSchema, pickFolderInputSchema, pickFolderOutputSchema, settingsSetInputSchema, settingsViewSchema, testConnectionInputSchema, testConnectionOutputSchema } from './settings';
import { offlineResolveInputSchema, offlineStatusSchema } from './offline';
import {
  costAccountsInputSchema, costAccountsOutputSchema, costDrillInputSchema, costDrillOutputSchema, costExportInputSchema, costExportOutputSchema, costMoversInputSchema,
  costMoversOutputSchema, costPodRealizedInputSchema, costPodRealizedOutputSchema, costQueryInputSchema, costQueryOutputSchema,
} from './cost';
import { syncCancelInputSchema, syncCancelOutputSchema, syncJobsInputSchema, syncJobsOutputSchema, syncRunInputSchema, syncRunOutputSchema } from './sync';

const noInput = zod.strictObject({}).optional().transform(() => ({}) as Record<string, never>);

type ChannelSpec = { input: z.ZodType; output: z.ZodType };

export const invokeContract = {
  'app:info': { input: noInput, output: appInfoSchema },
  'warehouse:status': { input: noInput, output: warehouseStatusSchema },
  'sources:status': { input: noInput, output: sourcesStatusSchema },
  'sync:run': { input: syncRunInputSchema, output: syncRunOutputSchema },
  'sync:cancel': { input: syncCancelInputSchema, output: syncCancelOutputSchema },
  'sync:jobs': { input: syncJobsInputSchema, output: syncJobsOutputSchema },
  'decision:list': { input: decisionListInputSchema, output: decisionListOutputSchema },
  'decision:explain': { input: decisionExplainInputSchema, output: decisionExplainOutputSchema },
  'decision:set': { input: decisionSetInputSchema, output: decisionSetOutputSchema },
  'rules:active': { input: rulesActiveInputSchema, output: rulesActiveOutputSchema },
  'match:candidates': { input: matchCandidatesInputSchema, output: matchCandidatesOutputSchema },
  'match:choose': { input: matchChooseInputSchema, output: matchChooseOutputSchema },
  'offline:status': { input: noInput, output: offlineStatusSchema },
  'offline:sync': { input: noInput, output: offlineStatusSchema },
  'offline:resolve': { input: offlineResolveInputSchema, output: offlineStatusSchema },
  'export:decisions': { input: exportDecisionsInputSchema, output: exportDecisionsOutputSchema },
  'settings:get': { input: noInput, output: settingsViewSchema },
  'settings:set': { input: settingsSetInputSchema, output: settingsViewSchema },
  'settings:test-connection': { input: testConnectionInputSchema, output: testConnectionOutputSchema },
  'settings:pick-folder': { input: pickFolderInputSchema, output: pickFolderOutputSchema },
  'model:detect': { input: modelDetectInputSchema, output: modelDetectOutputSchema },
  'dashboard:summary': { input: dashboardSummaryInputSchema, output: dashboardSummarySchema },
  'pipeline:run': { input: pipelineRunInputSchema, output: pipelineRunOutputSchema },
  'pipeline:cancel': { input: pipelineCancelInputSchema, output: pipelineCancelOutputSchema },
  'pipeline:status': { input: pipelineStatusInputSchema, output: pipelineStatusOutputSchema },
  'cost:accounts': { input: costAccountsInputSchema, output: costAccountsOutputSchema },
  'cost:query': { input: costQueryInputSchema, output: costQueryOutputSchema },
  'cost:drill': { input: costDrillInputSchema, output: costDrillOutputSchema },
  'cost:movers': { input: costMoversInputSchema, output: costMoversOutputSchema },
  'cost:pod-realized': { input: costPodRealizedInputSchema, output: costPodRealizedOutputSchema },
  'cost:export': { input: costExportInputSchema, output: costExportOutputSchema },
} as const satisfies { [C in InvokeChannel]: ChannelSpec };

type Contract = typeof invokeContract;

/** What a caller passes. */
export type InvokeInput<C extends InvokeChannel> = z.input<Contract[C]['input']>;
/** What a service receives, after parsing. */
export type ParsedInput<C extends InvokeChannel> = z.output<Contract[C]['input']>;
export type InvokeOutput<C extends InvokeChannel> = z.output<Contract[C]['output']>;
/** Lets `invoke('app:info')` omit the input when the channel takes none. */
export type InvokeArgs<C extends InvokeChannel> = undefined extends InvokeInput<C> ? [input?: InvokeInput<C>] : [input: InvokeInput<C>];
