import { InvalidError } from '../../src/domain/errors';
import { detectDelimiter, parseCsv, writeCsv } from '../../src/spreadsheet/csv';
import { decodeText, readSpreadsheet } from '../../src/spreadsheet/read';
import { zipEntries } from '../../src/spreadsheet/zip';
import { buildSamples } from '../fixtures/makeSamples';
import { fixture } from './helpers';

describe('CSV (RFC 4180)', () => {
  test('quoted fields hold commas, quotes and line breaks', () => {
    expect(parseCsv('a,"b, c","say ""hi""","line one\r\nline two"\r\nx,y,z,w\r\n')).toEqual([
      ['a', 'b, c', 'say "hi"', 'line one\r\nline two'],
      ['x', 'y', 'z', 'w'],
    ]);
  });

  test('LF, CRLF and CR line ends, a byte-order mark and trailing blank lines', () => {
    expect(parseCsv('\ufeffa,b\nc,d\r\ne,f\rg,h\n\n\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  test('empty fields and rows are kept where they are, so row numbers match the spreadsheet', () => {
    expect(parseCsv('Title\n\na,,c\n,,\nd,e,f')).toEqual([
      ['Title'],
      [''],
      ['a', '', 'c'],
      ['', '', ''],
      ['d', 'e', 'f'],
    ]);
  });

  test('a semicolon or tab delimiter is detected, even under a title line', () => {
    expect(detectDelimiter('Demo tracker\nSurname;Forename;DOB\nA;B;C\n')).toBe(';');
    expect(parseCsv('Surname;Forename\n"Example; Jr";Testy\n')).toEqual([
      ['Surname', 'Forename'],
      ['Example; Jr', 'Testy'],
    ]);
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(detectDelimiter('one column only')).toBe(',');
  });

  test('a quote inside an unquoted field is a character, as in Excel', () => {
    expect(parseCsv('5\'10",x')).toEqual([['5\'10"', 'x']]);
  });

  test('a quote that is never closed names the line it opened on, not its content', () => {
    const error = (() => {
      try {
        parseCsv('a,b\nc,"secret value\nmore');
      } catch (e) {
        return e;
      }
    })() as InvalidError;
    expect(error).toBeInstanceOf(InvalidError);
    expect(error.message).toMatch(/quote opened on line 2 that is never closed/);
    expect(error.message).not.toMatch(/secret/);
  });

  test('what writeCsv writes, parseCsv reads back exactly', () => {
    const rows = [
      ['Ref', 'Notes'],
      ['CMOE-0001', 'Line one\nline two, with "quotes"'],
      ['CMOE-0002', ' leading space'],
      ['CMOE-0003', 'semi;colon'],
      ['CMOE-0004', ''],
    ];
    const text = writeCsv(rows);
    expect(text.startsWith('\ufeffRef,Notes\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual(rows);
  });
});

describe('reading files', () => {
  test('text is UTF-8, UTF-16 with a byte-order mark, or else Windows-1252 as Excel saves it', () => {
    expect(decodeText(new Uint8Array([0x43, 0x61, 0x66, 0xe9]))).toBe('Café');
    expect(decodeText(new TextEncoder().encode('Café'))).toBe('Café');
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0, 0x42, 0]))).toBe('AB');
    expect(decodeText(new Uint8Array([0x41, 0, 0x42]))).toBeNull();
  });

  test('an xlsx is checked as a zip before it is unpacked', () => {
    const entries = zipEntries(fixture('sample-tracker.xlsx'));
    expect(entries?.map((e) => e.name)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml']),
    );
    expect(entries?.filter((e) => !e.name.endsWith('/')).every((e) => e.uncompressedSize > 0)).toBe(true);
    expect(zipEntries(new TextEncoder().encode('not a zip at all, just some text here'))).toBeNull();
  });

  test('a workbook that would unpack to more than 50 MB is refused before it is unpacked', async () => {
    const bomb = zipDeclaring('xl/workbook.xml', 200 * 1024 * 1024);
    expect(zipEntries(bomb)?.[0]).toEqual({
      name: 'xl/workbook.xml',
      compressedSize: 0,
      uncompressedSize: 200 * 1024 * 1024,
    });
    await expect(readSpreadsheet({ bytes: bomb })).rejects.toThrow(/would unpack to more than 50 MB/);
  });

  test('a workbook reads as plain cells: the merged title once, dates as dates, serials as numbers', async () => {
    const { format, sheets } = await readSpreadsheet({ bytes: fixture('sample-tracker.xlsx') });
    expect(format).toBe('xlsx');
    const rows = sheets[0]!.rows;
    expect(rows[0]?.[0]).toMatch(/^Demo Borough Council \(synthetic\)/);
    expect(rows[0]?.slice(1).every((c) => c === null)).toBe(true);
    expect(rows[2]).toEqual([]);
    expect(rows[4]?.[2]).toEqual({ kind: 'date', date: '2013-05-14' });
    expect(rows[5]?.[12]).toBe(46091);
  });
});

describe('the committed fixtures', () => {
  test('are what tests/fixtures/makeSamples.ts makes', async () => {
    const built = await buildSamples();
    for (const [name, content] of Object.entries(built)) {
      const committed = fixture(name);
      if (name.endsWith('.xlsx') && typeof content !== 'string' && committed[0] === 0x50) {
        // Zip entries carry timestamps, so workbooks are compared by their cells.
        const [a, b] = await Promise.all([
          readSpreadsheet({ bytes: committed }),
          readSpreadsheet({ bytes: content }),
        ]);
        expect({ name, sheets: a.sheets }).toEqual({ name, sheets: b.sheets });
      } else {
        const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
        expect({ name, bytes: Buffer.from(committed).toString('hex') }).toEqual({
          name,
          bytes: Buffer.from(bytes).toString('hex'),
        });
      }
    }
  });
});

/** The smallest zip with one entry whose directory declares `size` unpacked bytes (and holds none). */
function zipDeclaring(name: string, size: number): Uint8Array {
  const n = new TextEncoder().encode(name);
  const local = new DataView(new ArrayBuffer(30));
  local.setUint32(0, 0x04034b50, true);
  const central = new DataView(new ArrayBuffer(46));
  central.setUint32(0, 0x02014b50, true);
  central.setUint32(24, size, true);
  central.setUint16(28, n.length, true);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, 1, true);
  end.setUint16(10, 1, true);
  end.setUint32(12, 46 + n.length, true);
  end.setUint32(16, 30 + n.length, true);
  const parts = [local.buffer, n, central.buffer, n, end.buffer].map((p) => new Uint8Array(p as ArrayBuffer));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
