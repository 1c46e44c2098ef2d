import { facts, md, mention, mentionList, plain, text } from '../../src/bot/cards/adaptive';

/**
 * What a CommonMark reader shows for escaped text: a backslash before ASCII punctuation shows that
 * character. Used to check that `plain` only escapes and never drops or changes what was typed.
 */
function shown(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** The same text with the two substitutions `plain` makes on purpose: line ends and angle brackets. */
function asTyped(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/</g, '\uFF1C').replace(/>/g, '\uFF1E');
}

describe('plain: free text for Adaptive Card markdown', () => {
  it.each([
    ['[click](https://evil.example)', '\\[click\\]\\(https://evil.example)'],
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['_italic_ and *also*', '\\_italic\\_ and \\*also\\*'],
    ['~~struck~~ and `code`', '\\~\\~struck\\~\\~ and \\`code\\`'],
    ['<at>Someone</at>', '\uFF1Cat\uFF1ESomeone\uFF1C/at\uFF1E'],
    ['<script>alert(1)</script>', '\uFF1Cscript\uFF1Ealert(1)\uFF1C/script\uFF1E'],
    ['![x](https://evil.example/a.png)', '!\\[x\\]\\(https://evil.example/a.png)'],
    ['C:\\temp\\*', 'C:\\\\temp\\\\\\*'],
  ])('escapes %j', (input, expected) => {
    expect(plain(input)).toBe(expected);
  });

  it('leaves a bare scheme as text: there is no link syntax left to carry it', () => {
    expect(plain('javascript:alert(1)')).toBe('javascript:alert(1)');
    expect(plain('[x](javascript:alert(1))')).not.toContain('](');
  });

  it('escapes list, heading and quote markers at the start of every line, indented or not', () => {
    const typed = 'Notes\n- item\n  + two\n1. first\n12) twelfth\n# heading\n> quote\n===\r\n---';
    expect(plain(typed).split('\n')).toEqual([
      'Notes',
      '\\- item',
      '  \\+ two',
      '1\\. first',
      '12\\) twelfth',
      '\\# heading',
      '\uFF1E quote',
      '\\===',
      '\\---',
    ]);
  });

  it('leaves ordinary names, labels, dates and punctuation alone', () => {
    for (const s of [
      'Demo Chair (Alex Sample)',
      'CMOE-0042 (A.B., Year 7)',
      'Education Welfare - North',
      "O'Neill-Smith, Year 10. Next: 2026-03-27",
      'Flat #3, 50% done & more!',
    ]) {
      expect(plain(s)).toBe(s);
    }
  });

  it('never drops or changes a character: read back, the text is what was typed', () => {
    const samples = [
      '[click](https://evil.example) **bold** _it_ <at>Someone</at> <script>x</script>',
      'a\\b\\\\c *d* [e] (f) ~g~ `h` #i\n- j\n3. k\r\n> l',
      'x](https://evil.example)',
      '\\[already](escaped)',
    ];
    // And every two-character combination of the characters that matter, at a line start and inside.
    const alphabet = [
      '\\',
      '*',
      '_',
      '~',
      '`',
      '#',
      '[',
      ']',
      '(',
      ')',
      '<',
      '>',
      '-',
      '+',
      '=',
      '1',
      '.',
      ' ',
      '\n',
      'a',
    ];
    for (const a of alphabet) for (const b of alphabet) samples.push(`${a}${b}`, `x ${a}${b}y`);
    for (const s of samples) {
      const out = plain(s);
      expect(shown(out)).toBe(asTyped(s));
      expect(out).not.toMatch(/[<>]|\]\(/);
    }
  });
});

describe('md: the bot’s own markdown with free text inside', () => {
  it('keeps the literal parts and escapes every value', () => {
    expect(md`**${'**x**'}**: due ${'[a](https://evil.example)'}`.source).toBe(
      '**\\*\\*x\\*\\***: due \\[a\\]\\(https://evil.example)',
    );
  });

  it('puts a fragment inside another as it is', () => {
    const inner = md`**${'A_B'}**`;
    expect(md`${inner}, then ${'C_D'}`.source).toBe('**A\\_B**, then C\\_D');
  });

  it('cannot make a link where a value meets the words around it', () => {
    expect(md`${'x]'}(https://evil.example)`.source).not.toContain('](');
  });
});

describe('text and facts', () => {
  it('escape a plain string and keep a fragment from md', () => {
    expect(text('**x**').text).toBe('\\*\\*x\\*\\*');
    expect(text(md`**${'x'}**`).text).toBe('**x**');
    expect(facts([['Owner', '[a](https://evil.example)']]).facts).toEqual([
      { title: 'Owner', value: '\\[a\\]\\(https://evil.example)' },
    ]);
  });
});

describe('mentions with hostile names', () => {
  const hostile = { id: 'user-1', name: '[click](https://evil.example) </at><at>**Boss**' };

  it('carry the same escaped name in the text and in the entity, with no link and no extra tag', () => {
    const m = mention(hostile);
    expect(m.text.source).toBe(m.entity.text);
    expect(m.entity.text).toMatch(/^<at>[^<>]*<\/at>$/);
    expect(m.entity.text).not.toContain('](');
    expect(m.entity.text).not.toMatch(/(^|[^\\])\*\*/);
    expect(m.entity.mentioned).toEqual({ id: 'user-1', name: hostile.name });
    expect(shown(m.entity.text.slice(4, -5))).toBe(asTyped(hostile.name));
  });

  it('match their entities when listed together in a card', () => {
    const list = mentionList([hostile, { id: 'user-2', name: 'Plain Name' }]);
    if (!list.text) throw new Error('expected mentions');
    const block = text(md`${list.text}, something is due.`);
    for (const e of list.entities) expect(block.text).toContain(e.text);
    expect(block.text.match(/<at>/g)).toHaveLength(2);
    expect(mentionList([]).text).toBeNull();
  });
});
