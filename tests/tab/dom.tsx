import { installTabClock } from './clock';

/**
 * What jsdom lacks and Fluent UI uses (matchMedia for reduced motion, ResizeObserver for positioning,
 * scrollTo), as inert stand-ins, and the native <dialog>'s methods (common/ModalDialog), after the HTML
 * spec as far as a test can see it. Imported first by each DOM test.
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

// jsdom has HTMLDialogElement and its `open` attribute, not showModal()/close(). No focus trap or inert
// page here: the browser tests (tests/e2e) check those with the real element.
const dialogProto = window.HTMLDialogElement?.prototype as
  (HTMLDialogElement & { showModal?: () => void; close?: (value?: string) => void }) | undefined;
if (dialogProto && !dialogProto.showModal) {
  dialogProto.showModal = function (this: HTMLDialogElement) {
    if (this.open) return;
    if (!this.isConnected) throw new DOMException('The dialog is not connected.', 'InvalidStateError');
    this.setAttribute('open', '');
  };
  dialogProto.close = function (this: HTMLDialogElement, value?: string) {
    if (!this.open) return;
    this.removeAttribute('open');
    if (value !== undefined) this.returnValue = value;
    // The spec queues the close event as a task.
    setTimeout(() => this.dispatchEvent(new Event('close')), 0);
  };
  // Escape on a modal dialog: a cancelable 'cancel', then closing unless it was prevented.
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const open = [...document.querySelectorAll('dialog[open]')].pop() as HTMLDialogElement | undefined;
    if (!open) return;
    const cancel = new Event('cancel', { cancelable: true });
    if (open.dispatchEvent(cancel)) open.close();
  });
}

// Fluent's Tab repeats its label in a hidden span (room for the selected tab's bold text). The styles go
// to a detached document (./render), so this one rule of Fluent's is restated here: without it jsdom
// would count the copy in the tab's accessible name ("RecordRecord"), as no browser does.
const reserved = document.createElement('style');
reserved.textContent = '.fui-Tab__content--reserved-space { visibility: hidden; }';
document.head.appendChild(reserved);

// Every DOM test runs on the fixed "today" of ./clock, reinstalled per test (a test may fake the timers
// too). Never taken down: testing-library's cleanup after the test still renders on it.
beforeEach(() => installTabClock());

export {};
