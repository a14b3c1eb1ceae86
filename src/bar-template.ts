/**
 * A bar's shadow tree as one flat Lit template, put together from pieces of literal markup: one
 * for the bar and one per button. Everything a piece holds fixed (a network's id, icon, label and
 * link target) is literal text there, so Lit clones it with the template and binds only what
 * differs from bar to bar: the link, and the count and accessible name where counts are shown.
 * Nested templates (one per button, or repeat()) would cost two marker comments and a template
 * instance per button, which on a page of hundreds of bars was most of the render time.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Network } from './registry.js';

/** What one button shows. */
export interface ButtonView {
  network: Network;
  /** The share link; undefined for an action button. */
  href?: string;
  /** The label shown; undefined for an icon-only button. */
  label?: string;
  /** The accessible name, where it differs from the label shown. */
  name?: string;
  /** The compact count shown; empty keeps the room for a count on its way; undefined for none. */
  count?: string;
}

/** What a bar shows. */
export interface BarView {
  /** Classes of the base: layout, variant, size and label mode. */
  classes: string;
  /** Whether the bar's language is written right to left. */
  rtl: boolean;
  /** The accessible name of the bar. */
  name: string;
  /** The heading; empty for none (a slotted heading still shows). */
  heading: string;
  /** The label of the toggle of a floating bar, and whether it starts open; undefined otherwise. */
  floating?: [toggle: string, open: boolean];
  buttons: ButtonView[];
  /** Whether links open a new window (mail links never do). */
  newWindow: boolean;
  /** Whether the buttons show counts (then each button's count and name are bound). */
  counted: boolean;
  /** The total, compact and in words; undefined for none (empty strings: on its way). */
  total?: [short: string, exact: string];
  /** Feedback for the reader; undefined where the bar has none to give. */
  status?: string;
}

/** Literal markup with holes for values: n holes between n + 1 strings. */
type Piece = string[];

/** `text` safe inside markup and double-quoted attribute values. */
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const FLOATING: Piece = [
  '<details ?open=',
  '><summary part="toggle" class="button">',
  '</summary><div part="list" class="list">',
];
const FLOATING_END: Piece = ['</div></details>'];
const TOTAL: Piece = [
  '<div part="total" class="total"><span aria-hidden="true">',
  '</span><span class="visually-hidden">',
  '</span></div>',
];
const STATUS: Piece = ['<div part="status" class="status" role="status" .textContent=', '></div>'];
const END: Piece = ['</div>'];

// The other pieces are made once each: the bar's opening by what it holds, and a network's buttons
// by network (a network registered again is a new object) and way of showing it.
const bases = new Map<string, Piece>();
const buttonPieces = new WeakMap<Network, Map<string, Piece>>();

/** The opening of the bar, with its name and heading: a page gives most of its bars the same. */
function basePiece({ classes, rtl, name, heading }: BarView): Piece {
  const key = [classes, rtl, name, heading].join('\n');
  let piece = bases.get(key);
  if (!piece) {
    piece = [
      `<div part="base" class="${classes}" role="group"${rtl ? ' dir="rtl"' : ''} aria-label="${escapeHtml(name)}">` +
        (heading
          ? `<slot name="heading" part="heading" class="heading">${escapeHtml(heading)}</slot>`
          : '<slot name="heading"></slot>'),
    ];
    bases.set(key, piece);
  }
  return piece;
}

/** A button: the link and, with counts, the count and the name are bound; the rest is literal. */
function buttonPiece({ network, href, label, name }: ButtonView, newWindow: boolean, counted: boolean): Piece {
  const key = [newWindow, counted, label, counted || name].join('\n');
  let cache = buttonPieces.get(network);
  if (!cache) buttonPieces.set(network, (cache = new Map()));
  let piece = cache.get(key);
  if (!piece) {
    const id = escapeHtml(network.id);
    const tag = href == null ? 'button' : 'a';
    const start =
      `<${tag} part="button button-${id}" class="button" data-network="${id}"` +
      (href == null
        ? ' type="button"'
        : ' rel="noopener noreferrer nofollow"' + (newWindow ? ' target="_blank"' : '') + ' href=');
    const content =
      `><svg part="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="${escapeHtml(network.icon)}"></path></svg>` +
      (label == null ? '' : `<span part="label">${escapeHtml(label)}</span>`) +
      `</${tag}>`;
    const named = name == null ? '' : ` aria-label="${escapeHtml(name)}"`;
    if (counted) {
      piece =
        href == null
          ? [start + ' aria-label=', ' data-count=', content]
          : [start, ' aria-label=', ' data-count=', content];
    } else {
      piece = href == null ? [start + named + content] : [start, named + content];
    }
    cache.set(key, piece);
  }
  return piece;
}

interface Joined {
  next: Map<Piece, Joined>;
  strings?: TemplateStringsArray;
}

const joined: Joined = { next: new Map() };

/** The bar's template. */
export function barTemplate(view: BarView): TemplateResult {
  const { counted, floating, total, status } = view;
  const used: Piece[] = [basePiece(view)];
  const values: unknown[] = [];
  if (floating) {
    used.push(FLOATING);
    values.push(floating[1], floating[0]);
  }
  for (const button of view.buttons) {
    const { href } = button;
    used.push(buttonPiece(button, view.newWindow && !href?.startsWith('mailto:'), counted));
    if (href != null) values.push(href);
    if (counted) values.push(button.name ?? nothing, button.count ?? nothing);
  }
  if (floating) used.push(FLOATING_END);
  if (total) {
    used.push(TOTAL);
    values.push(...total);
  }
  if (status != null) {
    used.push(STATUS);
    values.push(status);
  }
  used.push(END);

  // The same pieces give the same strings array, which is how Lit knows it prepared the template.
  let node = joined;
  for (const part of used) {
    let next = node.next.get(part);
    if (!next) node.next.set(part, (next = { next: new Map() }));
    node = next;
  }
  if (!node.strings) {
    const strings = [''];
    for (const part of used) {
      strings[strings.length - 1] += part[0]!;
      strings.push(...part.slice(1));
    }
    // What a tagged template literal gives: an array with `raw`, which Lit checks for.
    node.strings = Object.assign(strings, { raw: strings }) as unknown as TemplateStringsArray;
  }
  return html(node.strings, ...values);
}
