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

/** Literal markup with holes for values: n holes between n + 1 strings. */
type Piece = readonly string[];

/** What one button shows. */
export interface ButtonView {
  network: Network;
  /** The share link; undefined for an action button. */
  href?: string;
  /** Whether the link opens in a new window (`target="_blank"`). */
  newWindow: boolean;
  /** The label shown; undefined for an icon-only button. */
  label?: string;
  /** The accessible name, where it differs from the label shown. */
  name?: string;
  /** The compact count shown; empty keeps the room for a count on its way; undefined for none. */
  count?: string;
  /** Whether the bar shows counts on its buttons (then the count and the name are bound). */
  counted: boolean;
}

/** What a bar shows. */
export interface BarView {
  /** Classes of the base: layout, variant, size and label mode. */
  classes: string;
  /** Whether the bar's language is written right to left. */
  rtl: boolean;
  /** The accessible name of the bar. */
  name: string;
  /** The heading; undefined for none (a slotted heading still shows). */
  heading?: string;
  /** Fixed at the viewport's edge behind a toggle: its label, and whether it starts open. */
  floating?: { toggle: string; open: boolean };
  buttons: ButtonView[];
  /** The total, compact and in words; undefined for no total, empty strings for one on its way. */
  total?: { short: string; exact: string };
  /** Feedback for the reader; undefined where the bar has no feedback to give. */
  status?: string;
}

/** `text` safe inside markup and double-quoted attribute values. */
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const HEADING: Piece = ['<slot name="heading" part="heading" class="heading">', '</slot>'];
const HEADING_SLOT_ONLY: Piece = ['<slot name="heading"></slot>'];
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

const bases = new Map<string, Piece>();

/** The opening of the bar: its classes and direction are literal, its name is bound. */
function basePiece(view: BarView): Piece {
  const key = view.classes + (view.rtl ? ' rtl' : '');
  let piece = bases.get(key);
  if (!piece) {
    const dir = view.rtl ? ' dir="rtl"' : '';
    piece = [`<div part="base" class="${escapeHtml(view.classes)}" role="group"${dir} aria-label=`, '>'];
    bases.set(key, piece);
  }
  return piece;
}

// Pieces of a network's button, for each way of showing it; a network registered again is a new
// object, with pieces of its own.
const buttons = new WeakMap<Network, Map<string, Piece>>();

/** A button of one network, shown one way; the link and, with counts, the count and name are bound. */
function buttonPiece(view: ButtonView): Piece {
  const { network, counted } = view;
  const key = [view.newWindow, counted, view.label, counted ? '' : view.name].join('\n');
  let cache = buttons.get(network);
  if (!cache) buttons.set(network, (cache = new Map()));
  let piece = cache.get(key);
  if (!piece) {
    const id = escapeHtml(network.id);
    const tag = network.action ? 'button' : 'a';
    let start = `<${tag} part="button button-${id}" class="button" data-network="${id}"`;
    start += network.action
      ? ' type="button"'
      : ' rel="noopener noreferrer nofollow"' + (view.newWindow ? ' target="_blank"' : '');
    if (!counted && view.name != null) start += ` aria-label="${escapeHtml(view.name)}"`;
    const holes = [...(network.action ? [] : [' href=']), ...(counted ? [' aria-label=', ' data-count='] : [])];
    const content =
      `><svg part="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="${escapeHtml(network.icon)}"></path></svg>` +
      (view.label == null ? '' : `<span part="label">${escapeHtml(view.label)}</span>`) +
      `</${tag}>`;
    piece = holes.length ? [start + holes[0], ...holes.slice(1), content] : [start + content];
    cache.set(key, piece);
  }
  return piece;
}

/** Values for the holes of a button's piece, in order. */
const buttonValues = (view: ButtonView): unknown[] => [
  ...(view.network.action ? [] : [view.href]),
  ...(view.counted ? [view.name ?? nothing, view.count ?? nothing] : []),
];

interface Joined {
  next: Map<Piece, Joined>;
  strings?: TemplateStringsArray;
}

const joined: Joined = { next: new Map() };

/**
 * One template of `pieces` in order, with `values` for their holes. The same pieces give the
 * same strings array, which is how Lit knows it has prepared that template before.
 */
function join(pieces: Piece[], values: unknown[]): TemplateResult {
  let node = joined;
  for (const piece of pieces) {
    let next = node.next.get(piece);
    if (!next) node.next.set(piece, (next = { next: new Map() }));
    node = next;
  }
  if (!node.strings) {
    const strings = [''];
    for (const piece of pieces) {
      strings[strings.length - 1] += piece[0]!;
      strings.push(...piece.slice(1));
    }
    // What a tagged template literal gives: an array with `raw`, which Lit checks for.
    node.strings = Object.assign(strings, { raw: strings }) as unknown as TemplateStringsArray;
  }
  return html(node.strings, ...values);
}

/** The bar's template. */
export function barTemplate(view: BarView): TemplateResult {
  const pieces: Piece[] = [basePiece(view)];
  const values: unknown[] = [view.name];
  if (view.heading) {
    pieces.push(HEADING);
    values.push(view.heading);
  } else {
    pieces.push(HEADING_SLOT_ONLY);
  }
  if (view.floating) {
    pieces.push(FLOATING);
    values.push(view.floating.open, view.floating.toggle);
  }
  for (const button of view.buttons) {
    pieces.push(buttonPiece(button));
    values.push(...buttonValues(button));
  }
  if (view.floating) pieces.push(FLOATING_END);
  if (view.total) {
    pieces.push(TOTAL);
    values.push(view.total.short, view.total.exact);
  }
  if (view.status != null) {
    pieces.push(STATUS);
    values.push(view.status);
  }
  pieces.push(END);
  return join(pieces, values);
}
