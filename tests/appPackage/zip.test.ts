import { readZip, writeZip, ZipError } from '../../src/cli/appPackage/zip';

const entries = [
  {
    name: 'manifest.json',
    data: Buffer.from(JSON.stringify({ name: 'CMOE Tracker', pad: 'x'.repeat(500) })),
  },
  { name: 'color.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
  { name: 'café.txt', data: Buffer.alloc(0) },
];

describe('the zip writer', () => {
  it('writes entries that read back unchanged, in order', () => {
    const back = readZip(writeZip(entries));
    expect(back.map((e) => e.name)).toEqual(['manifest.json', 'color.png', 'café.txt']);
    back.forEach((e, i) => expect(Buffer.from(e.data).equals(entries[i]!.data)).toBe(true));
  });

  it('deflates what compresses and stores what does not', () => {
    const zip = writeZip(entries);
    // Local header: compression method at offset 8 of each entry's header.
    expect(zip.readUInt16LE(8)).toBe(8);
    const second = 30 + 'manifest.json'.length + zip.readUInt32LE(18);
    expect(zip.readUInt16LE(second + 8)).toBe(0);
  });

  it('gives the same bytes for the same input (a fixed timestamp)', () => {
    expect(writeZip(entries).equals(writeZip(entries))).toBe(true);
  });

  it('refuses names that could escape the folder it is unpacked into, and duplicates', () => {
    for (const name of ['../x', '/etc/passwd', 'a\\b', '']) {
      expect(() => writeZip([{ name, data: Buffer.alloc(1) }])).toThrow(ZipError);
    }
    expect(() => writeZip([entries[0]!, entries[0]!])).toThrow(/duplicate entry "manifest.json"/);
  });
});

describe('the zip reader', () => {
  it('refuses a file that is not a zip, and an entry whose compressed data is damaged', () => {
    expect(() => readZip(Buffer.from('not a zip at all, not even close'))).toThrow(
      /no end of central directory/,
    );
    const zip = writeZip([{ name: 'a.txt', data: Buffer.from('hello hello hello hello hello') }]);
    const damaged = Buffer.from(zip);
    // The first byte of the deflated body (after the 30-byte local header and the name): block type 3,
    // which DEFLATE reserves. fflate does not check CRC-32 on reading, so the damage is in the data.
    damaged[30 + 'a.txt'.length] = 0xff;
    expect(() => readZip(damaged)).toThrow(ZipError);
    expect(() => readZip(damaged)).toThrow(/not a readable zip \(invalid block type\)/);
  });
});
