/**
 * A counter that never goes back, kept as one item of the counters list. Taking numbers is a conditional
 * update (If-Match on the item's eTag): of two writers taking numbers at once, SharePoint lets one win and
 * answers the other 412, which reads the counter again and retries after a short jittered pause. No two
 * writers ever get the same number.
 */
import { BusyError } from '../../domain/errors';
import type { GraphTransport } from './graph';
import type { ListItems } from './items';
import { decodeCounter, filterOn, type CounterItem } from './mapper';

/** Writers racing for the counter; enough for a burst of concurrent referrals, bounded all the same. */
const MAX_ATTEMPTS = 60;

export class Counter {
  private last: CounterItem | null = null;

  constructor(
    private readonly items: ListItems,
    private readonly graph: GraphTransport,
    readonly name: string,
  ) {}

  private async read(): Promise<CounterItem> {
    const filter = filterOn(this.items.spec).eq('RecordKey', this.name);
    const found = await this.items.findByKey(this.name, filter);
    if (found !== null) return decodeCounter(this.items.spec, found);
    // The first use on a new site: create it at 0. A writer that lost the race to create reads the winner's.
    const created = await this.items.create({ Title: this.name, RecordKey: this.name, CounterValue: 0 });
    if (created.status === 'created') return decodeCounter(this.items.spec, created.item);
    const again = await this.items.findByKey(this.name, filter);
    if (again === null) throw new Error(`The counter ${this.name} could neither be created nor found.`);
    return decodeCounter(this.items.spec, again);
  }

  /** Takes `n` numbers and returns the first; they are `first .. first + n - 1`. */
  async take(n = 1): Promise<number> {
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError('Take at least one number.');
    const { sleep, random } = this.graph.policy;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // The value last written by this process is usually still current: try it before reading.
      const state = this.last ?? (await this.read());
      this.last = null;
      const outcome = await this.items.update(state.itemId, state.eTag, { CounterValue: state.value + n });
      if (outcome.status === 'updated') {
        if (outcome.eTag !== null) this.last = { ...state, eTag: outcome.eTag, value: state.value + n };
        return state.value + 1;
      }
      if (outcome.status === 'missing') continue;
      // Another writer took numbers first: back off a little (random, growing) so the racers spread out.
      await sleep(Math.floor(random() * Math.min(1000, 20 * 2 ** Math.min(attempt, 6))));
    }
    throw new BusyError('Too many people are referring at once. Please try again shortly.', 1);
  }

  /**
   * Gives numbers back when the writes they were taken for certainly did not happen, so no gap is left;
   * only if nobody took a number since (If-Match again), else the gap stays (never a reuse).
   */
  async giveBack(first: number, n: number): Promise<void> {
    const state = this.last;
    if (state === null || state.value !== first + n - 1) return;
    this.last = null;
    const outcome = await this.items
      .update(state.itemId, state.eTag, { CounterValue: first - 1 })
      .catch(() => null);
    if (outcome?.status === 'updated' && outcome.eTag !== null) {
      this.last = { ...state, eTag: outcome.eTag, value: first - 1 };
    }
  }
}
