/**
 * The disclosure log (issue 18, ToR §6). Recording appends one entry; nothing here (or anywhere) changes or
 * removes one: a correction is a new entry naming the earlier one, which then reads as corrected.
 * Never posted to a channel: no bot card or notification reads this store.
 */
import { asPerson } from '../auth/principal';
import { assertDates, pastDateIssues } from '../domain/dateRules';
import {
  type DisclosureSummary,
  type DisclosureView,
  summarise,
  withCorrections,
} from '../domain/disclosures';
import { InvalidError } from '../domain/errors';
import { loadCase } from './cases';
import { type Call, type OperationDeps, audit, auditListView, authorize, nowIso, today } from './context';
import type { DisclosureInput } from '../contract/inputs';

/**
 * Records a disclosure on a case (closed ones too: information can be shared after closure, and the log
 * must say so). `corrects` must name an entry on the same case; `meetingId` a meeting that exists.
 */
export async function recordDisclosure(
  deps: OperationDeps,
  call: Call,
  ref: string,
  input: DisclosureInput,
): Promise<DisclosureView> {
  await authorize(deps, call, 'disclosure.record', ref);
  await loadCase(deps, ref);
  assertDates(pastDateIssues('disclosedOn', input.disclosedOn, today(call)));
  const existing = await deps.store.disclosures.listByCase(ref);
  if (input.corrects !== null && !existing.some((d) => d.id === input.corrects)) {
    throw new InvalidError('The entry to correct is not one of this case’s disclosures.', [
      { path: 'corrects', message: 'is not a disclosure on this case' },
    ]);
  }
  if (input.meetingId !== null && (await deps.store.meetings.get(input.meetingId)) === null) {
    throw new InvalidError('The meeting does not exist.', [
      { path: 'meetingId', message: 'is not a meeting' },
    ]);
  }
  const saved = await deps.store.disclosures.append({
    ...input,
    caseRef: ref,
    recordedBy: asPerson(call.caller),
    recordedAt: nowIso(call),
  });
  await audit(deps, call, 'disclosure.create', ref, ['disclosures']);
  return { ...saved, correctedBy: null };
}

/** A case's disclosures, oldest first, each marked with the entry that corrects it. A view of the case. */
export async function listCaseDisclosures(
  deps: OperationDeps,
  call: Call,
  ref: string,
): Promise<DisclosureView[]> {
  await authorize(deps, call, 'disclosure.read', ref);
  await loadCase(deps, ref);
  const list = withCorrections(await deps.store.disclosures.listByCase(ref));
  await audit(deps, call, 'case.view', ref, ['disclosures']);
  return list;
}

/**
 * Every disclosure, oldest first, for the chair and the admin: who got what, when, on which basis and on
 * whose authority, without the free-text details and reason (read on the case by those who read cases).
 */
export async function listAllDisclosures(deps: OperationDeps, call: Call): Promise<DisclosureSummary[]> {
  await authorize(deps, call, 'disclosure.list', 'disclosures');
  const list = withCorrections(await deps.store.disclosures.listAll()).map(summarise);
  await auditListView(deps, call, 'disclosures', {});
  return list;
}
