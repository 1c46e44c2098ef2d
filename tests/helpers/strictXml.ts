/**
 * Strict XML checks for the documents the app writes. `saxes` enforces XML 1.0 well-formedness including
 * its character rules (no C0 controls but tab / LF / CR, no U+FFFE / U+FFFF, no lone surrogates), which
 * is what Word and Excel refuse or "repair" a file over.
 */
import { SaxesParser } from 'saxes';
import { zipFiles } from './docxText';

/** The first well-formedness error of an XML text, or null. */
export function xmlError(xml: string): string | null {
  const parser = new SaxesParser({ xmlns: true });
  let error: string | null = null;
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.write(xml).close();
  return error;
}

/**
 * Every XML part of an Office file (zip) parsed strictly: the problems as `part: error`, none when the
 * document is valid. Bytes that are not UTF-8 count as a problem too (decoding would hide them).
 */
export function officeXmlProblems(bytes: Uint8Array): string[] {
  const problems: string[] = [];
  const files = zipFiles(Buffer.from(bytes));
  if (files.size === 0) problems.push('(zip): no files');
  for (const [name, data] of files) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    let xml: string;
    try {
      xml = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      problems.push(`${name}: not UTF-8`);
      continue;
    }
    const error = xmlError(xml);
    if (error) problems.push(`${name}: ${error}`);
  }
  return problems;
}
