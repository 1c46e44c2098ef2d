import { EMPTY_CALENDAR } from '../../src/domain/calendar';
import { InvalidError } from '../../src/domain/errors';
import type { SmartInput } from '../../src/domain/smart';
import { assertSmart, checkSmart } from '../../src/domain/smart';
import { OWNER } from './fixtures';

const TODAY = '2026-03-10';

function input(overrides: Partial<SmartInput> = {}): SmartInput {
  return {
    description: 'Arrange a school place',
    successMeasure: 'Place offered in writing',
    owner: OWNER,
    dueDate: '2026-03-20',
    ...overrides,
  };
}

function failure(i: SmartInput, cal = EMPTY_CALENDAR) {
  const result = checkSmart(i, TODAY, cal);
  if (result.ok) throw new Error('expected the SMART check to fail');
  return result;
}

describe('SMART check on a new action', () => {
  it('passes an action with every part on a future working day', () => {
    expect(checkSmart(input(), TODAY, EMPTY_CALENDAR)).toEqual({ ok: true });
    expect(checkSmart(input({ dueDate: '2026-03-11' }), TODAY, EMPTY_CALENDAR)).toEqual({ ok: true });
  });

  it('names a missing success measure and due date in one message', () => {
    const result = failure(input({ successMeasure: '', dueDate: null }));
    expect(result.missing).toEqual(['measurable', 'time-bound']);
    expect(result.issues.map((i) => i.path)).toEqual(['successMeasure', 'dueDate']);
    expect(result.message).toBe(
      'This action is not SMART yet: add a success measure (measurable) and a due date on a future working day (time-bound).',
    );
  });

  it('names every part when everything is missing', () => {
    const result = failure({});
    expect(result.missing).toEqual(['specific', 'measurable', 'owner', 'time-bound']);
    expect(result.issues.map((i) => i.path)).toEqual(['description', 'successMeasure', 'owner', 'dueDate']);
    expect(result.message).toBe(
      'This action is not SMART yet: add a description of what will be done (specific), a success measure (measurable), an owner with a name and email address (owner) and a due date on a future working day (time-bound).',
    );
  });

  it('treats a description of only spaces as missing (specific)', () => {
    const result = failure(input({ description: '   ' }));
    expect(result.missing).toEqual(['specific']);
    expect(result.issues[0]?.path).toBe('description');
    expect(result.message).toContain('(specific)');
  });

  it('requires an owner with an id, a name and a valid email', () => {
    expect(failure(input({ owner: null })).missing).toEqual(['owner']);
    const bad = failure(input({ owner: { id: 'x', name: 'Someone', email: 'not-an-email' } }));
    expect(bad.missing).toEqual(['owner']);
    expect(bad.issues).toEqual([{ path: 'owner', message: expect.stringContaining('email') }]);
  });

  it('refuses a due date today or in the past', () => {
    const today = failure(input({ dueDate: TODAY }));
    expect(today.missing).toEqual(['time-bound']);
    expect(today.issues[0]?.message).toBe('2026-03-10 is today; the due date must be in the future.');
    const past = failure(input({ dueDate: '2026-03-02' }));
    expect(past.message).toBe(
      'This action is not SMART yet: add a due date on a future working day (time-bound). 2026-03-02 is in the past; the due date must be in the future.',
    );
  });

  it('refuses a due date at the weekend and says which day it is', () => {
    expect(failure(input({ dueDate: '2026-03-14' })).issues).toEqual([
      { path: 'dueDate', message: '2026-03-14 is not a working day (a Saturday).' },
    ]);
    expect(failure(input({ dueDate: '2026-03-15' })).issues[0]?.message).toContain('(a Sunday)');
  });

  it('refuses a bank holiday and names it', () => {
    const result = failure(input({ dueDate: '2026-12-25' }));
    expect(result.missing).toEqual(['time-bound']);
    expect(result.message).toContain('2026-12-25 is not a working day (Christmas Day).');
    expect(failure(input({ dueDate: '2026-12-28' })).issues[0]?.message).toBe(
      '2026-12-28 is not a working day (Boxing Day (substitute day)).',
    );
  });

  it('refuses an extra closure day from settings', () => {
    const cal = { extraClosures: ['2026-03-20'], schoolHolidays: [] };
    expect(failure(input(), cal).issues[0]?.message).toBe('2026-03-20 is not a working day (a closure day).');
  });

  it('refuses a due date that is not a real date', () => {
    expect(failure(input({ dueDate: '2026-02-30' })).issues[0]?.message).toContain('is not a date');
  });

  it('throws an InvalidError carrying the message and issues', () => {
    expect(() => assertSmart(input(), TODAY, EMPTY_CALENDAR)).not.toThrow();
    let thrown: unknown;
    try {
      assertSmart(input({ owner: null }), TODAY, EMPTY_CALENDAR);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InvalidError);
    const err = thrown as InvalidError;
    expect(err.code).toBe('Invalid');
    expect(err.message).toBe(
      'This action is not SMART yet: add an owner with a name and email address (owner).',
    );
    expect(err.issues).toEqual([{ path: 'owner', message: 'Choose who owns this action.' }]);
  });
});
