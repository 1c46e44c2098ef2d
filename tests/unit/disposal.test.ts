import {
  cohortStart,
  redactionFor,
  scrubCase,
  scrubDisclosure,
  scrubMinutes,
  withoutMentions,
} from '../../src/domain/disposal';
import type { MinutesDisclosure } from '../../src/domain/minutes';
import { sampleDisclosure, sampleMinutesContent } from '../helpers/sampleRecords';
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

  it('keeps the record of a lawful disclosure and removes its free text and names', () => {
    const d = {
      ...sampleDisclosure(c.ref, {
        recipient: { agency: 'Police', role: 'Officer', name: 'Gwendolyn Recipient' },
        details: 'Zephyrine was seen at the quarry',
      }),
      id: 'd-1',
    };
    const after = { ...d, ...scrubDisclosure(d, r) };
    expect(JSON.stringify(after)).not.toMatch(/Zephyrine|quarry|Gwendolyn|Chair Example|exploitation/);
    expect(after).toEqual({
      ...d,
      details: r.placeholder,
      reason: r.placeholder,
      recipient: { agency: 'Police', role: 'Officer', name: 'Removed' },
      authorisedBy: { name: 'Removed', role: d.authorisedBy.role },
      recordedBy: r.person,
    });
    // No named recipient stays none.
    expect(scrubDisclosure({ ...d, recipient: { ...d.recipient, name: null } }, r).recipient.name).toBeNull();
  });

  it("scrubs the child's disclosures in minutes and only mentions of them in another child's", () => {
    const row = (caseRef: string, shared: string): MinutesDisclosure => ({
      caseRef,
      childName: caseRef === c.ref ? 'Zephyrine Quillfeather' : 'Other Child',
      disclosedOn: '2025-03-10',
      to: 'Police, Officer, Gwendolyn Recipient',
      shared,
      reason: 'Risk at the quarry',
      basis: 'Art 6(1)(e)',
      authorisedBy: 'Ambrose Authoriser (Chair)',
      correction: false,
    });
    const content = sampleMinutesContent('m-1', {
      disclosures: [row(c.ref, 'Whereabouts'), row('CMOE-0007', 'Seen with Zephyrine Quillfeather')],
    });
    const out = scrubMinutes(content, r);
    expect(out?.disclosures).toEqual([
      {
        ...row(c.ref, ''),
        childName: c.ref,
        to: r.placeholder,
        shared: r.placeholder,
        reason: r.placeholder,
        authorisedBy: 'Removed',
      },
      row('CMOE-0007', `Seen with ${c.ref}`),
    ]);
  });
});
