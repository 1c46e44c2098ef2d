import { clockStartingAt } from '../../src/clock';

describe('the clock seam', () => {
  test('a clock started at an instant reads that instant, then runs on by the time elapsed', () => {
    let elapsed = 0;
    const clock = clockStartingAt(new Date('2027-03-27T23:30:00.000Z'), () => elapsed);
    expect(clock().toISOString()).toBe('2027-03-27T23:30:00.000Z');
    elapsed = 45 * 60_000;
    expect(clock().toISOString()).toBe('2027-03-28T00:15:00.000Z');
  });
});
