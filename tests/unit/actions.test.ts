import { deferralCount, isDueSoon, isOverdue, workingDaysOverdue } from '../../src/domain/actions';
import { EMPTY_CALENDAR } from '../../src/domain/calendar';
import { deferrals, makeAction } from './fixtures';

describe('overdue actions', () => {
  it('is overdue once the due date has passed and the action is still open', () => {
    expect(isOverdue(makeAction({ dueDate: '2026-03-09' }), '2026-03-10')).toBe(true);
    expect(isOverdue(makeAction({ dueDate: '2026-03-10' }), '2026-03-10')).toBe(false);
  });

  it('is never overdue when done or cancelled', () => {
    expect(isOverdue(makeAction({ dueDate: '2026-03-01', status: 'done' }), '2026-03-10')).toBe(false);
    expect(isOverdue(makeAction({ dueDate: '2026-03-01', status: 'cancelled' }), '2026-03-10')).toBe(false);
  });

  it('counts working days overdue, skipping Easter', () => {
    const action = makeAction({ dueDate: '2026-04-02' });
    expect(workingDaysOverdue(action, '2026-04-06', EMPTY_CALENDAR)).toBe(0);
    expect(workingDaysOverdue(action, '2026-04-08', EMPTY_CALENDAR)).toBe(2);
    const closure = { extraClosures: ['2026-04-08'], schoolHolidays: [] };
    expect(workingDaysOverdue(action, '2026-04-08', closure)).toBe(1);
  });

  it('counts 0 working days overdue for an action that is not overdue', () => {
    expect(workingDaysOverdue(makeAction({ dueDate: '2026-03-20' }), '2026-03-10', EMPTY_CALENDAR)).toBe(0);
    expect(
      workingDaysOverdue(makeAction({ dueDate: '2026-03-01', status: 'done' }), '2026-03-10', EMPTY_CALENDAR),
    ).toBe(0);
  });
});

describe('actions due soon', () => {
  it('is due soon within the given working days, counting across a bank holiday', () => {
    expect(isDueSoon(makeAction({ dueDate: '2026-04-07' }), '2026-04-02', EMPTY_CALENDAR, 1)).toBe(true);
    expect(isDueSoon(makeAction({ dueDate: '2026-04-08' }), '2026-04-02', EMPTY_CALENDAR, 1)).toBe(false);
    expect(isDueSoon(makeAction({ dueDate: '2026-04-08' }), '2026-04-02', EMPTY_CALENDAR, 2)).toBe(true);
  });

  it('is due soon on the due date itself', () => {
    expect(isDueSoon(makeAction({ dueDate: '2026-03-10' }), '2026-03-10', EMPTY_CALENDAR, 3)).toBe(true);
  });

  it('is not due soon once overdue, done or cancelled', () => {
    expect(isDueSoon(makeAction({ dueDate: '2026-03-09' }), '2026-03-10', EMPTY_CALENDAR, 3)).toBe(false);
    expect(
      isDueSoon(makeAction({ dueDate: '2026-03-11', status: 'done' }), '2026-03-10', EMPTY_CALENDAR, 3),
    ).toBe(false);
    expect(
      isDueSoon(makeAction({ dueDate: '2026-03-11', status: 'cancelled' }), '2026-03-10', EMPTY_CALENDAR, 3),
    ).toBe(false);
  });
});

describe('deferrals', () => {
  it('counts each due-date change as a deferral', () => {
    expect(deferralCount(makeAction())).toBe(0);
    expect(deferralCount(makeAction({ deferrals: deferrals(3) }))).toBe(3);
  });
});
