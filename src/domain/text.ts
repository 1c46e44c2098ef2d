/**
 * Free text at the boundary, and text on its way into a document.
 *
 * Every free-text field of a request, a card payload or an imported row goes through {@link freeText},
 * and so does the same field of the stored record (types.ts uses it too), so what is accepted on the way
 * in is exactly what is accepted on the next read. What happens per kind of character, and why:
 *
 * - **Refused** (400 `Invalid` naming the field and the code point): Unicode noncharacters
 *   (U+FDD0–U+FDEF and U+xFFFE / U+xFFFF in every plane) and lone UTF-16 surrogates. Neither is text:
 *   noncharacters are reserved for programs' internal use and a lone surrogate is half of a broken
 *   character, so either means the text was damaged on the way or crafted. Guessing what was meant could
 *   change the words of an official record, so the sender is told instead. U+FFFE / U+FFFF and lone
 *   surrogates are also what XML 1.0 forbids: they made the minutes .docx and the .xlsx export invalid.
 * - **Normalised to a line feed**: CR LF, CR, vertical tab and form feed (Word puts U+000B in copied
 *   text for a manual line break), NEL (U+0085), and the line / paragraph separators U+2028 / U+2029.
 * - **Stripped**: every other C0 and C1 control (U+0000–U+0008, U+000E–U+001F, U+007F–U+009F; tab and
 *   line feed are kept). They are invisible and mean nothing in text (Word's table-cell marker U+0007,
 *   NULs from old exports), so dropping them changes nothing a reader sees; refusing would ask people
 *   to find a character they cannot see.
 * - **Composed**: the result is NFC, so the same name typed on two keyboards is the same string (search,
 *   the import's name + date of birth match, and duplicate checks compare like with like).
 * - **Kept**: zero-width and bidirectional controls, which are legitimate inside names and notes (a
 *   zero-width joiner in Persian or Indic names, direction marks in mixed Arabic / English text). But a
 *   required field (names included) must hold something visible: made only of them and white space,
 *   it is "required".
 *
 * Pure and used by the tab's bundle too: no IO.
 */
import { z } from 'zod';

/** Noncharacters: U+FDD0–U+FDEF and the last two code points of each of the 17 planes. */
const NONCHARACTER = new RegExp(
  `[\\u{FDD0}-\\u{FDEF}${Array.from({ length: 17 }, (_, p) => {
    const hex = (p * 0x10000 + 0xfffe).toString(16).toUpperCase();
    return `\\u{${hex}}\\u{${(p * 0x10000 + 0xffff).toString(16).toUpperCase()}}`;
  }).join('')}]`,
  'u',
);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- vertical tab and form feed are line breaks here
const LINE_BREAK = /\r\n|[\r\u000B\u000C\u0085\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
/** Zero-width characters, bidi controls and other default-ignorable marks: invisible on their own. */
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- single invisible code points, removed one by one
  /[\s\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/gu;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why the text cannot be accepted (a message naming the code point, never the text), or null. */
export function textProblem(s: string): string | null {
  const lone = LONE_SURROGATE.exec(s);
  if (lone)
    return `contains a broken character (${codePoint(lone[0])}, half of a surrogate pair): the text was damaged on the way; type or paste it again`;
  const non = NONCHARACTER.exec(s);
  if (non)
    return `contains ${codePoint(non[0])}, which is not a character (a Unicode noncharacter): remove it`;
  return null;
}

/** Line breaks as line feeds, other control characters removed, NFC. Idempotent. */
export function normaliseText(s: string): string {
  return s.replace(LINE_BREAK, '\n').replace(CONTROL, '').normalize('NFC');
}

/** Whether the text has something visible once white space, zero-width and bidi controls are removed. */
export function hasVisibleText(s: string): boolean {
  return s.replace(INVISIBLE, '').length > 0;
}

/**
 * The zod schema for a free-text field: refuses noncharacters and lone surrogates, normalises (see the
 * module comment), trims, and caps the length. `required`: must hold something visible (names too).
 */
export function freeText(max: number, opts: { required?: boolean } = {}) {
  const base = z
    .string()
    .check((ctx) => {
      const problem = textProblem(ctx.value);
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value, continue: false });
    })
    .overwrite(normaliseText)
    .trim();
  const capped = base.max(max, `must be at most ${max} characters`);
  return opts.required ? capped.refine(hasVisibleText, 'is required') : capped;
}

/**
 * Text stored before these rules (or by something that bypassed them) made acceptable to the schemas
 * again: noncharacters removed, lone surrogates replaced by U+FFFD, then {@link normaliseText}. Store
 * adapters call it only when a stored record fails validation, so a record saved before this change never
 * becomes unreadable.
 */
export function repairText(s: string): string {
  return normaliseText(
    s
      .replace(new RegExp(NONCHARACTER.source, 'gu'), '')
      .replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD'),
  );
}

/** {@link repairText} applied to every string in a JSON value. */
export function repairStrings(value: unknown): unknown {
  if (typeof value === 'string') return repairText(value);
  if (Array.isArray(value)) return value.map(repairStrings);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, repairStrings(v)]));
  return value;
}

/** Characters XML 1.0 forbids: C0 controls but tab, LF, CR; U+FFFE, U+FFFF; and lone surrogates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * Text every XML-writing document writer passes its strings through (defence in depth: data stored before
 * the input rules, or by a bug, must not corrupt a document). Forbidden controls and U+FFFE / U+FFFF are
 * dropped; a lone surrogate becomes U+FFFD, as a UTF-8 encoder would write it.
 */
export function xmlSafe(s: string): string {
  return s.replace(LONE_SURROGATES, '\uFFFD').replace(XML_FORBIDDEN, '');
}

/** {@link xmlSafe} applied to every string in a value (plain objects and arrays). */
export function xmlSafeDeep<T>(value: T): T {
  if (typeof value === 'string') return xmlSafe(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => xmlSafeDeep(v)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafeDeep(v)])) as T;
  return value;
}
