// Loads pages of their own in iframes, as a site would hold share-bar, and reads what the page's
// test/fixtures/report.js collected there.

/** What test/fixtures/report.js collects in a page. */
export interface Report {
  violations: { directive: string; blocked: string; source: string; sample: string }[];
  errors: string[];
  warnings: string[];
}

/** A loaded page. */
export interface HostPage {
  win: Window & { report: Report; inlineRan?: boolean; ShareBar?: Record<string, unknown> };
  doc: Document;
  bars: HTMLElement[];
}

const frames: HTMLIFrameElement[] = [];
// Frames go after each test, so they neither pile up nor push later fixtures out of the viewport.
afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

/** A key nobody else uses, for count endpoints and page urls. */
export const uniqueKey = () => Math.random().toString(36).slice(2);

/**
 * Loads `src` (a URL, or `{srcdoc}`) in an iframe of `width` × `height` pixels, waits until every
 * bar in it has rendered and settled. The iframe is removed after the test.
 */
export async function hostPage(src: string | { srcdoc: string }, width = 800, height = 600): Promise<HostPage> {
  const iframe = document.createElement('iframe');
  iframe.style.width = width + 'px';
  iframe.style.height = height + 'px';
  // Its own viewport is exactly that big.
  iframe.style.border = '0';
  if (typeof src == 'string') iframe.src = src;
  else iframe.srcdoc = src.srcdoc;
  const loaded = new Promise((resolve) => (iframe.onload = resolve));
  document.body.append(iframe);
  frames.push(iframe);
  await loaded;
  const win = iframe.contentWindow as HostPage['win'];
  const doc = iframe.contentDocument!;
  // Module scripts may still be defining the element.
  await Promise.race([win.customElements.whenDefined('share-bar'), new Promise((r) => setTimeout(r, 1000))]);
  const bars = [...doc.querySelectorAll<HTMLElement>('share-bar')];
  await Promise.all(bars.map((b) => (b as { updateComplete?: Promise<unknown> }).updateComplete));
  // Violation events are queued as tasks; let them (and counts) arrive.
  await new Promise((r) => setTimeout(r, 100));
  return { win, doc, bars };
}

/** Waits until `read()` gives a value `ok` accepts, or `ms` passed; returns the last value. */
export async function until<T>(read: () => Promise<T> | T, ok: (v: T) => boolean, ms = 3000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || performance.now() > end) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The share links and action buttons of a bar, in order. */
export const controls = (bar: Element) => [
  ...bar.shadowRoot!.querySelectorAll<HTMLAnchorElement | HTMLButtonElement>('[part~=button]'),
];

/** The count a button shows (compact, e.g. "1.2K"), or undefined when it shows none. */
export const shownCount = (button: Element): string | undefined =>
  button.querySelector('[part=count]')?.getAttribute('data-count') || undefined;
