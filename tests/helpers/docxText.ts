/**
 * Reads the text of a .docx for tests: a .docx is a zip whose word/document.xml holds paragraphs (<w:p>)
 * of runs (<w:t>). A small reader over node:zlib, so tests don't depend on a zip library.
 */
import { inflateRawSync } from 'node:zlib';

/** Every file in a zip, by name, inflated. */
export function zipFiles(zip: Buffer): Map<string, Buffer> {
  // End of central directory: the last record with signature 0x06054b50.
  let eocd = -1;
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const fileName = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(fileName, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

function entry(zip: Buffer, name: string): Buffer {
  const file = zipFiles(zip).get(name);
  if (file === undefined) throw new Error(`${name} not in the zip`);
  return file;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The document's paragraphs as lines of text (table cells are paragraphs too). */
export function docxParagraphs(bytes: Uint8Array): string[] {
  const xml = entry(Buffer.from(bytes), 'word/document.xml').toString('utf8');
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [])
    .map((p) =>
      decode(
        (p.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join(''),
      ),
    )
    .filter((line) => line.length > 0);
}
