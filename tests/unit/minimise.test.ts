import { channelLabel, initials } from '../../src/domain/minimise';
import { makeCase } from './fixtures';

describe('initials', () => {
  it('takes the first letter of each name, uppercase, with full stops', () => {
    expect(initials('Amelia', 'Brown')).toBe('A.B.');
    expect(initials('amelia', 'brown')).toBe('A.B.');
  });

  it('ignores extra spaces', () => {
    expect(initials('  Amelia  ', '  Brown ')).toBe('A.B.');
  });

  it('gives one initial for a hyphenated or multi-part name', () => {
    expect(initials('Mary-Jane', 'Smith-Jones')).toBe('M.S.');
    expect(initials('Anna Maria', 'van der Berg')).toBe('A.V.');
  });

  it('skips leading apostrophes and hyphens', () => {
    expect(initials('Sean', "O'Brien")).toBe('S.O.');
    expect(initials("'Aisha", '-Khan')).toBe('A.K.');
  });

  it('handles accented and non-Latin letters', () => {
    expect(initials('émile', 'łukasz')).toBe('É.Ł.');
    expect(initials('e\u0301mile', 'Zoë')).toBe('É.Z.');
    expect(initials('Анна', 'иванова')).toBe('А.И.');
    expect(initials('Øystein', 'Ærø')).toBe('Ø.Æ.');
  });

  it('leaves out a name with no letters', () => {
    expect(initials('', 'Brown')).toBe('B.');
    expect(initials('  ', '--')).toBe('');
  });
});

describe('channel label', () => {
  it('names a case by ref, initials and year group only', () => {
    const c = makeCase({ ref: 'CMOE-0042', firstName: 'Amelia', lastName: 'Brown', yearGroup: '7' });
    const label = channelLabel(c);
    expect(label).toBe('CMOE-0042 (A.B., Year 7)');
    expect(label).not.toMatch(/Amelia|Brown/);
  });

  it('says Reception for year group R', () => {
    expect(
      channelLabel(makeCase({ ref: 'CMOE-0007', firstName: 'Zac', lastName: 'Ng', yearGroup: 'R' })),
    ).toBe('CMOE-0007 (Z.N., Reception)');
  });

  it('still shows the year group when no initials can be made', () => {
    expect(channelLabel(makeCase({ ref: 'CMOE-0001', firstName: '-', lastName: '-', yearGroup: '11' }))).toBe(
      'CMOE-0001 (Year 11)',
    );
  });
});
