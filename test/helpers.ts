import { fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { ShareBarElement } from '../src/share-bar-element.js';
import '../src/share-bar.js';

/** Renders a bar and waits for its first update. */
export async function bar(template: TemplateResult): Promise<ShareBarElement> {
  const el = await fixture<ShareBarElement>(template);
  await el.updateComplete;
  return el;
}

/** The share links and action buttons of a bar, keyed by network id. */
export function buttons(el: ShareBarElement): Record<string, HTMLAnchorElement & HTMLButtonElement> {
  const out: Record<string, HTMLAnchorElement & HTMLButtonElement> = {};
  for (const b of el.shadowRoot!.querySelectorAll<HTMLAnchorElement & HTMLButtonElement>('[part~=button]')) {
    out[b.part[1]!.replace('button-', '')] = b;
  }
  return out;
}

export { shownCount } from './frames.js';

/** Collects console.warn calls while `fn` runs. */
export async function warnings(fn: () => unknown): Promise<string[]> {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void seen.push(args.map(String).join(' '));
  try {
    await fn();
  } finally {
    console.warn = original;
  }
  return seen;
}

/** Stops every navigation that a click on a share link would cause, and reports whether one would. */
export function catchNavigation(): { wouldNavigate: () => boolean; stop: () => void } {
  let would = false;
  const listener = (e: Event) => {
    if (e.composedPath().some((n) => n instanceof HTMLAnchorElement)) {
      would = !e.defaultPrevented;
      e.preventDefault();
    }
  };
  document.addEventListener('click', listener);
  return { wouldNavigate: () => would, stop: () => document.removeEventListener('click', listener) };
}

/** Center of an element in viewport coordinates, for sendMouse. */
export function center(el: Element): [number, number] {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

/**
 * The accessible name a button gets from its content: its text without aria-hidden parts
 * (visually hidden text counts). axe checks the real computation; this reads it for asserts.
 */
export function accessibleName(el: Element): string {
  let name = '';
  const walk = (node: Node) => {
    if (node instanceof Element && node.getAttribute('aria-hidden') == 'true') return;
    if (node.nodeType == Node.TEXT_NODE) name += node.textContent;
    node.childNodes.forEach(walk);
  };
  walk(el);
  return el.getAttribute('aria-label') ?? name.replace(/\s+/g, ' ').trim();
}

/** The channels (0–255) and alpha of a computed colour: `rgb()`, `rgba()` or `color(srgb …)`. */
function channels(color: string): [number, number, number, number] {
  const [r, g, b, a = 1] = color.match(/[\d.]+/g)!.map(Number) as [number, number, number, number?];
  const scale = color.startsWith('color(') ? 255 : 1;
  return [r * scale, g * scale, b * scale, a];
}

/** A computed colour as seen over an opaque `backdrop`. */
export function over(color: string, backdrop: string): string {
  const [r, g, b, a] = channels(color);
  const [br, bg, bb] = channels(backdrop);
  return `rgb(${r * a + br * (1 - a)}, ${g * a + bg * (1 - a)}, ${b * a + bb * (1 - a)})`;
}

/** WCAG 2 contrast ratio of two computed colours (their alpha left out). */
export function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, b] = channels(c).map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The tops of a bar's buttons, rounded: one value when they stand in one row. */
export const rows = (el: ShareBarElement) =>
  new Set(Object.values(buttons(el)).map((b) => Math.round(b.getBoundingClientRect().top))).size;

/** The labels a bar shows, in order (empty for an icon-only button). */
export const labels = (el: ShareBarElement) =>
  Object.values(buttons(el)).map((b) => b.querySelector('[part~=label]')?.textContent ?? '');

/** The width of a bar's row of buttons, from the first one's start to the last one's end. */
export function rowWidth(el: ShareBarElement): number {
  const rects = Object.values(buttons(el)).map((b) => b.getBoundingClientRect());
  return Math.max(...rects.map((r) => r.right)) - Math.min(...rects.map((r) => r.left));
}

/**
 * Waits three frames: a bar's resize is reported after one frame's layout and its labels fitted at
 * the start of the next, so the frame after shows them.
 */
export const frames = () =>
  new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/**
 * Runs `fn` with a clipboard that refuses to write, as a reader who denied the permission meets
 * it, and puts the browser's own back after.
 */
export async function withRefusedClipboard(fn: () => Promise<unknown>): Promise<void> {
  const clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')!;
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
  });
  try {
    await fn();
  } finally {
    delete (navigator as unknown as Record<string, unknown>).clipboard;
    Object.defineProperty(Navigator.prototype, 'clipboard', clipboard);
  }
}
