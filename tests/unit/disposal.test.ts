import { cohortStart, redactionFor, scrubCase, withoutMentions } from '../../src/domain/disposal';
import { makeCase } from './fixtures';

const c = makeCase({
  ref: 'CMOE-0042',
  firstName: 'Zephyrine',
  lastName: 'Quillfeather',
  dateOfBirth: '2013-05-10',
  upn: 'Q12345678901X',
  lastSchool: 'Thornbury Vale Academy',
  concernNotes: 'Notes',
  lead: { id: 'lead-1', name: 'Marigold Leadworth', email: 'm@example.org' },
});
const r = redactionFor(c);

describe('disposal scrubbing', () => {
  it('keeps only the school cohort of a date of birth', () => {
    expect(cohortStart('2013-05-10')).toBe('2012-09-01');
    expect(cohortStart('2013-09-01')).toBe('2013-09-01');
    expect(cohortStart('2013-08-31')).toBe('2012-09-01');
  });

  it("replaces the child's full name (any case and spacing) and UPN with the ref in another record", () => {
    expect(withoutMentions('Friend of ZEPHYRINE   quillfeather (Q12345678901X).', r)).toBe(
      'Friend of CMOE-0042 (CMOE-0042).',
    );
    // A first name alone may be another child's: left as it is.
    expect(withoutMentions('Zephyrine B. is another child', r)).toBe('Zephyrine B. is another child');
  });

  it('removes names, date of birth, UPN, school and notes from the case, keeping what the figures read', () => {
    const patch = scrubCase(c, r, { disposedAt: '2032-03-08T10:00:00.000Z', approvedBy: 'admin-1' });
    const after = { ...c, ...patch };
    const text = JSON.stringify(after);
    for (const s of ['Zephyrine', 'Quillfeather', '2013-05-10', 'Q12345678901X', 'Thornbury', 'Marigold']) {
      expect(text).not.toContain(s);
    }
    expect(after).toMatchObject({
      yearGroup: c.yearGroup,
      categories: c.categories,
      status: c.status,
      concern: c.concern,
      receivedOn: c.receivedOn,
      referralDate: c.referralDate,
      concernNotes: 'Removed on disposal (CMOE-0042)',
      lead: { id: null, name: 'Removed', email: null },
    });
  });
});
