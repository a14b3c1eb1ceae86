import { css } from 'lit';

// Every share link and action button has the class `button`. Its brand colour comes through
// `--_brand` (and the text colour that reads on it through `--_brand-text`), one rule per network
// in the shared brand sheet (brand-styles.ts); `--share-bar-brand` and `--share-bar-fg` on the
// host override them for a neutral bar. A count's text is the `::after` of its element, from
// `data-count`.
export const styles = css`
  :host {
    display: block;
    /* inherited from the page, these would push labels out of their buttons or open gaps */
    text-indent: 0;
    white-space: normal;
    text-align: start;
    line-height: 1.2;
    background: var(--share-bar-bg);
  }
  /* space of its own from the text around, which collapses with the page's margins like a
     paragraph's; the heading keeps the size of the page's text, the buttons their own */
  .horizontal,
  .vertical {
    position: relative;
    margin-block: var(--share-bar-margin, 1em);
  }
  .list,
  .total,
  .status,
  summary {
    font-size: var(--_font-size, var(--share-bar-font-size, 0.875rem));
  }
  :host([hidden]) {
    display: none;
  }
  .list {
    display: flex;
    flex-wrap: wrap;
    gap: var(--share-bar-gap, 0.5em);
  }
  .vertical .list,
  .side .list {
    flex-direction: column;
    align-items: flex-start;
  }
  /* The heading, the list, the total and the status are blocks, one under the other: a grid or a
     flex column would measure every button once more to size its rows. */
  .heading,
  .total,
  .status {
    display: block;
    font-weight: 700;
  }
  .heading {
    margin-bottom: var(--share-bar-gap, 0.5em);
  }
  /* a block as wide as the bar even without a heading: labels="auto" watches its width */
  slot {
    display: block;
  }
  .total {
    min-height: 1.2em;
    margin-top: var(--share-bar-gap, 0.5em);
  }
  /* feedback lies over what is below the bar, so it never pushes the page down */
  .status:not(:empty) {
    position: absolute;
    top: 100%;
    inset-inline-start: 0;
    z-index: 1;
    margin-top: 0.25em;
    padding: 0.3em 0.6em;
    border-radius: var(--share-bar-radius, 0.375em);
    background: Canvas;
    color: CanvasText;
    box-shadow: 0 1px 4px #0006;
    font-weight: 400;
  }
  .button {
    all: unset;
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    height: var(--share-bar-button-height, 2.5em);
    min-width: var(--share-bar-button-height, 2.5em);
    padding: 0 0.75em;
    border: 1px solid var(--share-bar-brand, var(--_brand, #555));
    border-radius: var(--share-bar-radius, 0.375em);
    background: var(--share-bar-brand, var(--_brand, #555));
    color: var(--share-bar-fg, var(--_brand-text, #fff));
    font-weight: 600;
    white-space: nowrap;
    cursor: pointer;
  }
  .button:hover {
    filter: brightness(1.12);
  }
  .button:focus-visible {
    /* a white halo under the ring keeps it visible on light and dark pages alike */
    outline: 2px solid var(--share-bar-focus-ring, #1a5fd0);
    outline-offset: 2px;
    box-shadow: 0 0 0 2px #fff;
  }
  .outline .button,
  .plain .button {
    background: none;
    color: var(--share-bar-fg, inherit);
  }
  .plain .button {
    border-color: transparent;
  }
  /* on a dark page (its color-scheme, or the reader's setting below), black and near-black brands
     (X, Threads) keep an edge, and outlines a colour that reads on dark */
  .solid .button {
    border-color: light-dark(var(--share-bar-brand, var(--_brand, #555)), #fff8);
  }
  .outline .button {
    --_dark-edge: color-mix(in srgb, var(--share-bar-brand, var(--_brand, #555)) 50%, #fff);
    border-color: light-dark(var(--share-bar-brand, var(--_brand, #555)), var(--_dark-edge));
  }
  /* the toggle of a floating bar is no list button: it keeps its padding */
  .labels-none .list .button,
  .floating .list .button {
    padding: 0;
  }
  .small {
    --share-bar-button-height: 2em;
    --_font-size: 0.75rem;
  }
  .large {
    --share-bar-button-height: 2.75em;
    --_font-size: 1rem;
  }
  svg {
    width: 1.25em;
    height: 1.25em;
    flex: none;
    fill: currentColor;
  }
  .count {
    min-width: 3.5ch;
    padding: 0.15em 0.45em;
    text-align: center;
    border-radius: 1em;
    background: var(--share-bar-count-bg, #fff);
    color: var(--share-bar-count-fg, #1f1f1f);
    font-size: 0.85em;
  }
  .count::after {
    content: attr(data-count);
  }
  /* room kept for a count on its way; none where the answer had no count */
  .count[data-count=''] {
    visibility: hidden;
  }
  .count:not([data-count]) {
    display: none;
  }
  /* an empty status is there for assistive technology, taking no room (nor a gap) */
  .visually-hidden,
  .status:empty,
  .floating .heading,
  .floating [part='label'] {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* A floating bar keeps the room of its bottom bar (of the medium size) where it stands in the
     page (at the end, as documented), so the page's end can be scrolled out from under it;
     share-bar-placeholder.css keeps the same before the script runs. */
  :host([layout='floating'])::before {
    content: '';
    display: block;
    font-size: var(--share-bar-font-size, 0.875rem);
    height: calc(var(--share-bar-button-height, 2.5em) + 0.75em + env(safe-area-inset-bottom, 0px));
  }
  /* Floating: a compact bar at the bottom inline-start corner, opaque, until FloatingController
     finds an empty margin for the rail (.side). Icons only, the labels kept for the names. */
  .floating {
    position: fixed;
    z-index: 100;
    bottom: 0;
    inset-inline-start: 0;
    box-sizing: border-box;
    max-width: 100%;
    padding: 0.375em 0.5em calc(0.375em + env(safe-area-inset-bottom, 0px));
    font-size: var(--_font-size, var(--share-bar-font-size, 0.875rem));
    border-start-end-radius: 0.5em;
    background: var(--share-bar-bg, Canvas);
    box-shadow: 0 0 0.25em #0006;
  }
  .floating details {
    display: flex;
    gap: var(--share-bar-gap, 0.5em);
  }
  .side {
    top: 50%;
    bottom: auto;
    translate: 0 -50%;
    inset-inline-start: 0.5em;
    padding: 0;
    background: none;
    box-shadow: none;
  }
  .side details {
    flex-direction: column;
  }
  /* feedback over the page above a floating bar, not below the viewport's edge */
  .floating .status:not(:empty) {
    top: auto;
    bottom: 100%;
  }
  @media (prefers-color-scheme: dark) {
    .solid .button {
      border-color: #fff8;
    }
    .outline .button {
      border-color: var(--_dark-edge);
    }
  }
  @media (forced-colors: active) {
    .button {
      border-color: ButtonText;
    }
  }
`;
