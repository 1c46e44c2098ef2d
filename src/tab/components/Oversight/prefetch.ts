/**
 * The oversight figures asked for as soon as the screen is routed to, in parallel with the download of
 * the screen's lazy chunk (the charts), instead of after it: the first chart paints sooner (issue 17).
 * Tiny on purpose: this file is in the tab's first load, the screen is not.
 */
import type { CmoeApi } from '../../client/client';
import type { OversightFigures } from '../../client/oversightApi';

const pending = new WeakMap<CmoeApi, Promise<OversightFigures>>();
let screenLoaded = false;

/** Called by the screen's module when it loads: from then on the screen asks for itself. */
export function markOversightScreenLoaded(): void {
  screenLoaded = true;
}

/**
 * Starts loading the default period's figures once for this client, while the screen's chunk is still
 * to come (its first visit); safe to call on every render.
 */
export function prefetchOversight(api: CmoeApi): void {
  if (screenLoaded || pending.has(api)) return;
  const p = api.getOversight({});
  // Handled where it is taken; until then a rejection must not be reported as unhandled.
  p.catch(() => undefined);
  pending.set(api, p);
}

/** The prefetched figures, once: a later visit asks again, for fresh figures. */
export function takePrefetchedOversight(api: CmoeApi): Promise<OversightFigures> | null {
  const p = pending.get(api) ?? null;
  pending.delete(api);
  return p;
}
