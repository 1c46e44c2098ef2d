/**
 * The part of OData `$filter` that Graph accepts on SharePoint list items (`fields/X op literal`, joined by
 * `and` / `or`, grouped by parentheses), parsed and evaluated for the Graph fake. Comparison operators:
 * eq, ne, gt, ge, lt, le. Literals: 'text' ('' escapes a quote), numbers, true / false, null.
 */
export type Literal = string | number | boolean | null;

export type FilterNode =
  | { kind: 'cmp'; field: string; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; value: Literal }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode };

export class FilterSyntaxError extends Error {}

type Token =
  { t: 'lp' } | { t: 'rp' } | { t: 'word'; v: string } | { t: 'str'; v: string } | { t: 'num'; v: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(') {
      out.push({ t: 'lp' });
      i++;
    } else if (c === ')') {
      out.push({ t: 'rp' });
      i++;
    } else if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new FilterSyntaxError('unterminated string');
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += src[i];
        i++;
      }
      out.push({ t: 'str', v });
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i));
      if (!m) throw new FilterSyntaxError(`unexpected ${c}`);
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_/]*/.exec(src.slice(i));
      if (!m) throw new FilterSyntaxError(`unexpected ${c}`);
      out.push({ t: 'word', v: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

export function parseFilter(src: string): FilterNode {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const word = (v: string) => {
    const t = peek();
    return t?.t === 'word' && t.v.toLowerCase() === v;
  };
  function or(): FilterNode {
    let left = and();
    while (word('or')) {
      pos++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  }
  function and(): FilterNode {
    let left = primary();
    while (word('and')) {
      pos++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  }
  function primary(): FilterNode {
    const t = peek();
    if (t?.t === 'lp') {
      pos++;
      const inner = or();
      if (peek()?.t !== 'rp') throw new FilterSyntaxError('missing )');
      pos++;
      return inner;
    }
    if (t?.t !== 'word') throw new FilterSyntaxError('expected a field');
    pos++;
    const opTok = peek();
    if (opTok?.t !== 'word' || !['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(opTok.v.toLowerCase())) {
      throw new FilterSyntaxError('expected an operator');
    }
    pos++;
    const v = peek();
    pos++;
    let value: Literal;
    if (v?.t === 'str' || v?.t === 'num') value = v.v;
    else if (v?.t === 'word' && ['true', 'false', 'null'].includes(v.v)) {
      value = v.v === 'null' ? null : v.v === 'true';
    } else throw new FilterSyntaxError('expected a value');
    return { kind: 'cmp', field: t.v, op: opTok.v.toLowerCase() as 'eq', value };
  }
  const node = or();
  if (pos !== tokens.length) throw new FilterSyntaxError('unexpected text after the filter');
  return node;
}

/** The field paths a filter references (`fields/Status`...). */
export function referencedFields(node: FilterNode): string[] {
  return node.kind === 'cmp'
    ? [node.field]
    : [...referencedFields(node.left), ...referencedFields(node.right)];
}

function compare(a: unknown, b: Literal): number | null {
  if (a === null || a === undefined || b === null) return null;
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    const x = a === true || a === 1 ? 1 : 0;
    const y = b === true || b === 1 ? 1 : 0;
    return x - y;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // SharePoint compares text without regard to case.
  const x = String(a).toLowerCase();
  const y = String(b).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export function evaluate(node: FilterNode, get: (field: string) => unknown): boolean {
  if (node.kind !== 'cmp') {
    return node.kind === 'and'
      ? evaluate(node.left, get) && evaluate(node.right, get)
      : evaluate(node.left, get) || evaluate(node.right, get);
  }
  const actual = get(node.field);
  if (node.value === null) {
    const isNull = actual === null || actual === undefined;
    return node.op === 'eq' ? isNull : node.op === 'ne' ? !isNull : false;
  }
  const c = compare(actual, node.value);
  if (c === null) return node.op === 'ne';
  switch (node.op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'gt':
      return c > 0;
    case 'ge':
      return c >= 0;
    case 'lt':
      return c < 0;
    case 'le':
      return c <= 0;
    default:
      return false;
  }
}
