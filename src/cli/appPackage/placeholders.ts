/**
 * `${{NAME}}` placeholders, the Teams Toolkit's syntax in manifests, `aad.manifest.json`, ARM parameter
 * files and `teamsapp.yml`. One definition of the pattern, used by the packager and by the tests that
 * check every placeholder has a source.
 */

/** Matches `${{NAME}}` (spaces inside the braces allowed, as the toolkit allows them); group 1 is NAME. */
export const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The distinct placeholder names in `text`, in order of first appearance. */
export function placeholdersIn(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) names.add(m[1] as string);
  return [...names];
}

/** The result of filling placeholders: the value, and the names that had no (non-empty) value. */
export interface Substituted<T> {
  value: T;
  unresolved: string[];
}

/**
 * Replaces the placeholders in every string inside a JSON value (object keys are left alone). A name
 * that is missing from `values`, or whose value is empty, is left in place and reported: an empty id or
 * URL is never what anyone meant to ship. Working on parsed JSON rather than on the text means a value
 * with a quote or a backslash cannot break the document.
 */
export function substituteJson<T>(input: T, values: ReadonlyMap<string, string>): Substituted<T> {
  const unresolved = new Set<string>();
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        const value = values.get(name);
        if (value === undefined || value === '') {
          unresolved.add(name);
          return whole;
        }
        return value;
      });
    }
    if (Array.isArray(node)) return node.map(visit);
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
    }
    return node;
  };
  return { value: visit(input) as T, unresolved: [...unresolved] };
}
