/**
 * What jsdom lacks and Fluent UI uses (matchMedia for reduced motion, ResizeObserver for positioning,
 * scrollTo), as inert stand-ins. Imported first by each DOM test.
 */
const w = window as unknown as Record<string, unknown>;
if (!w.matchMedia)
  w.matchMedia = (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  });
if (!w.ResizeObserver)
  w.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
if (!Element.prototype.scrollTo) Element.prototype.scrollTo = () => undefined;
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined;

export {};
