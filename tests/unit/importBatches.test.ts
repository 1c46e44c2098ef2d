/**
 * The undo rule (domain/importBatches.ts), case by case: what counts as "touched since the import" and
 * what the batch's own records do not.
 */
import { type BatchCase, type CaseNow, type ImportBatch, planUndo } from '../../src/domain/importBatches';
import type { Action, Case, CaseUpdate, Escalation, Meeting } from '../../src/domain/types';
import {
  sampleAction,
  sampleCase,
  sampleEscalation,
  sampleMeeting,
  sampleUpdate,
} from '../helpers/sampleRecords';

const AT = '2026-03-25T10:00:00.000Z';
const BEFORE = '2026-03-20T10:00:00.000Z';
const AFTER = '2026-03-26T10:00:00.000Z';
const REF = 'CMOE-0007';

const theCase = (version: number): Case => ({
  ...sampleCase(),
  ref: REF,
  version,
  createdAt: AT,
  updatedAt: AT,
});
const action = (id: string, at: string, version = 1): Action => ({
  ...sampleAction(REF),
  id,
  version,
  createdAt: at,
  updatedAt: at,
});
const note = (id: string, at: string): CaseUpdate => ({ ...sampleUpdate(REF), id, at });
const escalation = (at: string): Escalation => ({
  ...sampleEscalation(REF),
  earlierResponses: [],
  id: 'e1',
  version: 1,
  createdAt: at,
  updatedAt: at,
});
const meeting = (at: string, withCase: boolean): Meeting => ({
  ...sampleMeeting(),
  id: 'm1',
  version: 1,
  createdAt: at,
  updatedAt: at,
  agenda: withCase ? [{ caseRef: REF, section: 'new-referral', reasons: [] }] : [],
});

function batchOf(entry: Partial<BatchCase>): ImportBatch {
  return {
    id: 'b1',
    at: AT,
    by: 'dev-admin',
    fileName: null,
    fileSha256: '0'.repeat(64),
    format: 'csv',
    undone: null,
    version: 1,
    createdAt: AT,
    updatedAt: AT,
    cases: [
      {
        ref: REF,
        kind: 'created',
        version: 1,
        before: null,
        actionIds: ['own-a'],
        updateIds: ['own-n'],
        ...entry,
      },
    ],
  };
}

function decide(now: Partial<CaseNow>, meetings: Meeting[] = [], entry: Partial<BatchCase> = {}) {
  const state: CaseNow = {
    current: theCase(1),
    actions: [action('own-a', AT)],
    updates: [note('own-n', AT)],
    escalations: [],
    ...now,
  };
  return planUndo(batchOf(entry), new Map([[REF, state]]), meetings)[0];
}

describe('planUndo', () => {
  test('a created case with only the batch’s own action and note is removed; a changed one restored', () => {
    expect(decide({})).toMatchObject({ kind: 'remove' });
    expect(
      decide({}, [], { kind: 'changed', before: { version: 1, fields: { lastSchool: 'Old' } } }),
    ).toMatchObject({ kind: 'restore' });
  });

  test.each<[string, Partial<CaseNow>, Meeting[], string]>([
    ['edited (a newer version)', { current: theCase(2) }, [], 'edited'],
    ['gone', { current: null }, [], 'edited'],
    ['a note added since', { updates: [note('own-n', AT), note('n2', AFTER)] }, [], 'timeline'],
    ['an action added since', { actions: [action('own-a', AT), action('a2', AFTER)] }, [], 'actions'],
    ['its own action changed', { actions: [action('own-a', AT, 2)] }, [], 'actions'],
    ['escalated since', { escalations: [escalation(AFTER)] }, [], 'escalation'],
    ['on a meeting’s agenda since', {}, [meeting(AFTER, true)], 'meeting'],
  ])('a case %s is left alone', (_what, now, meetings, reason) => {
    expect(decide(now, meetings)).toEqual({ kind: 'leave', ref: REF, reason });
  });

  test('records from before the batch, and meetings without the case, are not touches of a changed case', () => {
    const entry: Partial<BatchCase> = { kind: 'changed', before: { version: 1, fields: {} } };
    expect(
      decide(
        {
          actions: [action('own-a', AT), action('old', BEFORE)],
          updates: [note('old', BEFORE), note('own-n', AT)],
          escalations: [escalation(BEFORE)],
        },
        [meeting(AFTER, false), meeting(BEFORE, true)],
        entry,
      ),
    ).toMatchObject({ kind: 'restore' });
  });
});
