/**
 * A bar's shadow tree as one flat Lit template, written out per bar as literal markup with holes.
 * Everything fixed for a network and a way of showing it (id, icon, label, link target) is
 * literal text, so Lit clones it with the template and binds only what differs from bar to bar:
 * the link, and the count and accessible name where counts are shown. Bars with the same markup
 * share one strings array, so Lit prepares each kind of bar once. Nested templates (one per
 * button, or repeat()) would cost two marker comments and a template instance per button, which
 * on a page of hundreds of bars was most of the render time.
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

/** `text` safe inside markup and double-quoted attribute values (and free of the key's separator). */
const escapeHtml = (text: string) =>
  // Tested first: most texts (icons, labels) have none, and a replace allocates even then.
  /[&<>"\0]/.test(text) ? text.replace(/[&<>"\0]/g, (c) => `&#${c.charCodeAt(0)};`) : text;

// The strings arrays handed to Lit so far, by their markup: equal markup must give the very same
// array, which is how Lit knows it prepared the template already.
const templates = new Map<string, TemplateStringsArray>();

/** The bar's template. */
export function barTemplate(view: BarView): TemplateResult {
  const { counted, floating, total, status, heading } = view;
  const strings = [''];
  const values: unknown[] = [];
  /** Literal markup. */
  const markup = (text: string) => (strings[strings.length - 1] += text);
  /** A value bound where the markup has reached. */
  const bind = (value: unknown) => strings.push('') && values.push(value);

  markup(
    `<div part="base" class="${view.classes}" role="group"${view.rtl ? ' dir="rtl"' : ''} aria-label="${escapeHtml(view.name)}">` +
      (heading
        ? `<slot name="heading" part="heading" class="heading">${escapeHtml(heading)}</slot>`
        : '<slot name="heading"></slot>'),
  );
  if (floating) {
    markup('<details ?open=');
    bind(floating[1]);
    markup('><summary part="toggle" class="button">');
    bind(floating[0]);
    markup('</summary>');
  }
  markup('<div part="list" class="list">');
  for (const { network, href, label, name, count } of view.buttons) {
    const id = escapeHtml(network.id);
    const tag = href == null ? 'button' : 'a';
    markup(`<${tag} part="button button-${id} item" class="button" data-network="${id}"`);
    if (href == null) markup(' type="button"');
    else {
      // Mail links open the mail program, never a window.
      markup(' rel="noopener noreferrer nofollow"');
      if (view.newWindow && !href.startsWith('mailto:')) markup(' target="_blank"');
      markup(' href=');
      bind(href);
    }
    if (counted) {
      markup(' aria-label=');
      bind(name ?? nothing);
    } else if (name != null) markup(` aria-label="${escapeHtml(name)}"`);
    markup(
      `><svg part="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="${escapeHtml(network.icon)}"></path></svg>`,
    );
    if (label != null) markup(`<span part="label">${escapeHtml(label)}</span>`);
    if (counted) {
      // The count's text is its ::after, from data-count: one node instead of an element and a text.
      markup('<span part="count" class="count" data-count=');
      bind(count ?? nothing);
      markup('></span>');
    }
    markup(`</${tag}>`);
  }
  markup(floating ? '</div></details>' : '</div>');
  if (total) {
    markup('<div part="total" class="total"><span aria-hidden="true">');
    bind(total[0]);
    markup('</span><span class="visually-hidden">');
    bind(total[1]);
    markup('</span></div>');
  }
  if (status != null) {
    markup('<div part="status" class="status" role="status" .textContent=');
    bind(status);
    markup('></div>');
  }
  markup('</div>');

  const key = strings.join('\0');
  let prepared = templates.get(key);
  // What a tagged template literal gives: an array with `raw`, which Lit checks for.
  if (!prepared)
    templates.set(key, (prepared = Object.assign(strings, { raw: strings }) as unknown as TemplateStringsArray));
  return html(prepared, ...values);
}
