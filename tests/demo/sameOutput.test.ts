import { createHash } from 'node:crypto';
import { generateDemoData } from '../../src/demo/generate';
import { DEFAULT_POLICY } from '../../src/domain/policy';

/**
 * The demo generator was split into named steps (issue 15 item 2) without changing what it makes. These
 * SHA-256 digests of `JSON.stringify(generateDemoData(...))` were computed on main at 1738dbf, before the
 * split; a step that draws from the seeded generator in another order, or changes a value, changes them.
 * A deliberate change of the demo data updates them in the same commit, saying why.
 */
const BEFORE_THE_SPLIT = [
  {
    cases: 500,
    seed: 7,
    today: '2026-03-18',
    sha256: 'fc8a84a74b697dbc18d55923c932e669bc5ad80d9c547720799d8c92c66c47b5',
  },
  {
    cases: 260,
    seed: 1,
    today: '2027-01-06',
    sha256: '7831a575654e85f61884fe9d8286d2a0f388166f4da504486c4b6d99f6864365',
  },
  {
    cases: 25,
    seed: 42,
    today: '2026-07-20',
    sha256: 'b4b4da7901178ff24da84a40db36bd07215aedd1a28d45d4f34e0d15e75dfa95',
  },
] as const;

describe('the demo generator after its split into named steps', () => {
  it.each(BEFORE_THE_SPLIT)(
    'makes byte-for-byte the data it made before for $cases cases, seed $seed, as of $today',
    ({ cases, seed, today, sha256 }) => {
      const data = generateDemoData({ cases, seed, today, policy: DEFAULT_POLICY });
      expect(createHash('sha256').update(JSON.stringify(data)).digest('hex')).toBe(sha256);
    },
  );
});
