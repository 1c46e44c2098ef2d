/**
 * The chair's answer to a prompt to escalate a stuck case (the bot's "Escalate / Not now" card).
 * "Escalate" is `escalateCase`; "Not now" is recorded here, with its reason, on the case's timeline, so
 * the decision not to escalate is visible to the group and to senior managers (ToR §5, robust challenge).
 */
import { asPerson } from '../auth/principal';
import type { CaseUpdate } from '../domain/types';
import { loadCase } from './cases';
import { type Call, type OperationDeps, audit, authorize, nowIso } from './context';
import type { DismissEscalationPromptInput } from '../contract/inputs';

/** Prefix of the timeline entry, so the tab and the minutes can tell these entries apart. */
export const NOT_NOW_PREFIX = 'Escalation prompt: not now';

/**
 * Records "not now" for a stuck case (chair only: the same permission as escalating). The reason is
 * kept on the timeline and audited as an added update.
 */
export async function dismissEscalationPrompt(
  deps: OperationDeps,
  call: Call,
  ref: string,
  input: DismissEscalationPromptInput,
): Promise<CaseUpdate> {
  await authorize(deps, call, 'case.escalate', ref);
  await loadCase(deps, ref);
  const at = nowIso(call);
  const update = await deps.store.updates.add({
    caseRef: ref,
    at,
    by: asPerson(call.caller),
    text: `${NOT_NOW_PREFIX}: ${input.reason}`,
  });
  await audit(deps, call, 'case.update-added', ref);
  return update;
}
