/**
 * One disposal scenario for both stores (disposalSqlite.test.ts, disposalSharePoint.test.ts): a case
 * past retention with something in every kind of record, a held case, an open case, a reopened case and
 * one still within retention, every string that identifies the first child unique, so a search of the
 * whole store for them finds any trace.
 */
import { makePrincipal } from '../../src/auth/principal';
import { minutesContentFrom, minutesRecordOf } from '../../src/documents/minutesRecord';
import { addDays } from '../../src/domain/calendar';
import { oversightFigures } from '../../src/domain/oversight';
import { policySchema, type Policy } from '../../src/domain/policy';
import { addYears } from '../../src/domain/retention';
import type { Case } from '../../src/domain/types';
import type { Call, OperationDeps } from '../../src/operations/context';
import type { Store } from '../../src/store/ports';
import {
  sampleAction,
  sampleCase,
  sampleDisclosure,
  sampleEscalation,
  sampleMeeting,
  samplePerson,
  sampleUpdate,
} from '../helpers/sampleRecords';

/** "Today" for the disposal (London): every date below is derived from it. */
export const NOW = new Date('2032-03-08T10:00:00.000Z');
const TODAY = '2032-03-08';
export const POLICY: Policy = policySchema.parse({
  cadence: { anchorDate: '2026-01-06', everyWeeks: 4, time: '10:00' },
  retention: { kind: 'years-after-closure', years: 6 },
});

export const ADMIN_CALL: Call = {
  caller: makePrincipal({
    id: 'admin-1',
    name: 'Admin Example',
    email: 'admin@example.org',
    roles: ['CMOE.Admin'],
  }),
  now: NOW,
};

/** Everything that identifies the disposed child or the people on their case: none may survive. */
export const SECRETS = [
  'Zephyrine',
  'Quillfeather',
  '2009-03-14',
  'Q12345678901X',
  'Thornbury Vale',
  'Marigold Leadworth',
  'Ottoline Referrer',
  'Percival Checkley',
  'Bartholomew Ownerly',
  'Cressida Timeliner',
  'Fennimore Director',
  'Aunt Hepzibah',
  'trampoline',
  'Kettering',
  'wristband',
  'lighthouse',
  'porcupine',
  'saxophone',
  'marmalade',
  'Gwendolyn Recipient',
  'Ambrose Authoriser',
  'Isolde Recorder',
  'zeppelin',
  'quarry',
];

/** What a disposed case's disclosure entry keeps: the record that a lawful disclosure was made. */
export const KEPT_DISCLOSURE = {
  recipient: { agency: 'Example Police', role: 'Missing persons coordinator' },
  categories: ['identity', 'whereabouts'],
  article6: 'art6-1e',
  specialCategory: 'none',
  authorisedBy: { role: 'Chair, CMOE group' },
};

export interface Scenario {
  disposed: Case;
  held: Case;
  open: Case;
  recent: Case;
  reopened: Case;
  meetingId: string;
}

const owner = samplePerson({ id: 'owner-zq', name: 'Bartholomew Ownerly', email: 'b.ownerly@example.org' });
const author = samplePerson({
  id: 'author-zq',
  name: 'Cressida Timeliner',
  email: 'c.timeliner@example.org',
});

/** Seeds the scenario through the store's own ports. */
export async function seedScenario(store: Store): Promise<Scenario> {
  const closedOn = addYears(TODAY, -7);
  const at = (d: string) => `${d}T09:00:00.000Z`;
  const make = async (overrides: Partial<Case>, stamp: string) => {
    const c = await store.cases.create(sampleCase(), at(stamp));
    return store.cases.update(c.ref, c.version, overrides, at(stamp));
  };
  const meeting = await store.meetings.create(
    sampleMeeting({ startsAt: at(addDays(closedOn, -14)), status: 'in-progress' }),
    at(addDays(closedOn, -20)),
  );
  const disposed = await make(
    {
      firstName: 'Zephyrine',
      lastName: 'Quillfeather',
      dateOfBirth: '2009-03-14',
      yearGroup: '10',
      upn: 'Q12345678901X',
      lastSchool: 'Thornbury Vale Academy',
      referredBy: 'Ottoline Referrer',
      lead: { id: null, name: 'Marigold Leadworth', email: 'm.leadworth@example.org' },
      concernNotes: 'Zephyrine spends days at the trampoline park',
      listChecks: [
        {
          list: 'cse',
          checkedOn: addDays(closedOn, -30),
          checkedBy: 'Percival Checkley',
          outcome: 'Seen with a wristband',
        },
      ],
      status: 'closed',
      closure: { reason: 'moved-out', date: closedOn, note: 'Moved to Kettering with Aunt Hepzibah' },
    },
    addDays(closedOn, -60),
  );
  await store.actions.create(
    sampleAction(disposed.ref, {
      description: 'Visit Zephyrine at the lighthouse',
      successMeasure: 'Zephyrine Quillfeather seen at home',
      owner,
      createdBy: author,
      meetingId: meeting.id,
      status: 'done',
      completionNote: 'Seen; talked about the porcupine',
      completedOn: addDays(closedOn, -10),
      deferrals: [
        {
          from: addDays(closedOn, -20),
          to: addDays(closedOn, -15),
          reason: 'Zephyrine was at the saxophone lesson',
          by: author,
          at: at(addDays(closedOn, -21)),
        },
      ],
    }),
    at(addDays(closedOn, -14)),
  );
  await store.updates.add(
    sampleUpdate(disposed.ref, {
      at: at(addDays(closedOn, -5)),
      by: author,
      text: 'Quillfeather family likes marmalade',
    }),
  );
  await store.escalations.create(
    sampleEscalation(disposed.ref, {
      raisedOn: addDays(closedOn, -14),
      responseDue: addDays(closedOn, 0),
      raisedBy: owner,
      toName: 'Fennimore Director',
      reason: 'Zephyrine has had no place for a term',
      decisionRequested: 'Fund a lighthouse placement',
      response: 'Agreed for Zephyrine',
      outcome: 'Placement funded',
      respondedOn: addDays(closedOn, -7),
      meetingId: meeting.id,
    }),
    at(addDays(closedOn, -14)),
  );

  // A disclosure made under the child-protection override, recorded in the meeting (so in its minutes).
  await store.disclosures.append(
    sampleDisclosure(disposed.ref, {
      disclosedOn: addDays(closedOn, -14),
      recipient: { ...KEPT_DISCLOSURE.recipient, name: 'Gwendolyn Recipient' },
      details: 'Zephyrine was seen near the zeppelin hangar',
      reason: 'Risk of harm at the quarry',
      authorisedBy: { name: 'Ambrose Authoriser', role: KEPT_DISCLOSURE.authorisedBy.role },
      meetingId: meeting.id,
      recordedBy: samplePerson({
        id: 'recorder-zq',
        name: 'Isolde Recorder',
        email: 'i.recorder@example.org',
      }),
      recordedAt: at(addDays(closedOn, -14)),
    }),
  );

  const held = await make(
    {
      firstName: 'Heldina',
      lastName: 'Keepwell',
      status: 'closed',
      closure: { reason: 'school-place', date: addYears(TODAY, -10), note: 'Kept for litigation' },
      retentionHold: { reason: 'Litigation hold', setBy: 'admin-1', setAt: at(addYears(TODAY, -1)) },
    },
    addYears(TODAY, -11),
  );
  const open = await make(
    { firstName: 'Openia', lastName: 'Stillhere', dateOfBirth: '2001-01-01' },
    addYears(TODAY, -9),
  );
  const recent = await make(
    {
      firstName: 'Recentia',
      lastName: 'Closedlately',
      status: 'closed',
      closure: { reason: 'school-place', date: addDays(addYears(TODAY, -6), 1), note: null },
    },
    addYears(TODAY, -7),
  );
  const reopened = await make(
    {
      firstName: 'Reopenia',
      lastName: 'Backagain',
      status: 'open',
      closure: null,
      reopenings: [
        {
          closure: { reason: 'moved-out', date: addYears(TODAY, -12), note: null },
          reopenedOn: addYears(TODAY, -1),
          reopenedAt: at(addYears(TODAY, -1)),
        },
      ],
    },
    addYears(TODAY, -13),
  );
  await store.updates.add(sampleUpdate(held.ref, { at: at(addYears(TODAY, -10)), text: 'Held note' }));
  await store.disclosures.append(
    sampleDisclosure(held.ref, { disclosedOn: addYears(TODAY, -10), recordedAt: at(addYears(TODAY, -10)) }),
  );

  // The meeting discussed the child and, in another child's record, mentioned them by full name.
  const done = await store.meetings.update(
    meeting.id,
    meeting.version,
    {
      status: 'completed',
      agenda: [
        { caseRef: disposed.ref, section: 'highest-concern', reasons: ['high concern'] },
        { caseRef: held.ref, section: 'other-open', reasons: [] },
      ],
      records: [
        {
          caseRef: disposed.ref,
          summary: 'Zephyrine talked about the lighthouse',
          decisions: 'Keep visiting Quillfeather home',
          concernChange: null,
          actionIds: [],
          escalationId: null,
          closure: null,
          challengeNote: 'Zephyrine not stuck',
          leadChange: { from: 'Ottoline Referrer', to: 'Marigold Leadworth' },
          version: 1,
          updatedAt: at(addDays(closedOn, -14)),
        },
        {
          caseRef: held.ref,
          summary: 'Heldina is a friend of Zephyrine Quillfeather',
          decisions: 'None',
          concernChange: null,
          actionIds: [],
          escalationId: null,
          closure: null,
          challengeNote: null,
          leadChange: null,
          version: 1,
          updatedAt: at(addDays(closedOn, -14)),
        },
      ],
      minutesPublishedAt: at(addDays(closedOn, -13)),
    },
    at(addDays(closedOn, -13)),
  );
  const content = await minutesContentFrom(store, done);
  await store.minutes.put(await minutesRecordOf(content, done.id, at(addDays(closedOn, -13))));
  // The held case is no longer pristine once a meeting names the other child: take it as it is now.
  return {
    disposed: (await store.cases.get(disposed.ref)) as Case,
    held: (await store.cases.get(held.ref)) as Case,
    open,
    recent,
    reopened,
    meetingId: meeting.id,
  };
}

/** Every oversight figure over the whole span of the scenario, as the admin's oversight page has them. */
export async function figures(store: Store): Promise<unknown> {
  const [cases, actions, meetings, escalations] = await Promise.all([
    store.cases.list(),
    store.actions.list(),
    store.meetings.list(),
    store.escalations.list(),
  ]);
  return oversightFigures(
    { cases, actions, meetings, escalations },
    { from: addYears(TODAY, -14), to: TODAY },
    NOW,
    POLICY,
  );
}

/** A case with every record attached to it, as the store returns them: compared before and after. */
export async function everythingAbout(store: Store, ref: string): Promise<string> {
  return JSON.stringify({
    case: await store.cases.get(ref),
    actions: await store.actions.list({ caseRef: ref }),
    updates: await store.updates.list(ref),
    escalations: await store.escalations.list({ caseRef: ref }),
    disclosures: await store.disclosures.listByCase(ref),
  });
}

export function depsFor(store: Store): OperationDeps {
  return { store, policy: POLICY };
}

/** The secrets found in `text` (case-insensitive). */
export function tracesIn(text: string): string[] {
  const lower = text.toLowerCase();
  return SECRETS.filter((s) => lower.includes(s.toLowerCase()));
}
