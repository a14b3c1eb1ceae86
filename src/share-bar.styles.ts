// Every share link and action button has class `b`. The brand colour reaches each through `--_c`
// (and the text colour that reads on it through `--_t`), set per button from the registry;
// `--share-bar-brand` and `--share-bar-fg` on the host override them for a neutral bar.
export const styles = /* css */ `
  :host {
    display: block;
    /* inherited from the page, these would push labels out of their buttons or open gaps */
    text-indent: 0;
    white-space: normal;
    text-align: start;
    font-size: var(--share-bar-font-size, 0.875rem);
    line-height: 1.2;
    background: var(--share-bar-bg);
  }
  :host([hidden]) {
    display: none;
  }
  .h {
    margin: 0 0 0.5em;
    font-weight: 700;
  }
  ul {
    display: flex;
    flex-wrap: wrap;
    gap: var(--share-bar-gap, 0.5em);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .vertical ul,
  .floating ul {
    flex-direction: column;
  }
  .b {
    all: unset;
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    height: var(--share-bar-button-height, 2.5em);
    min-width: var(--share-bar-button-height, 2.5em);
    padding: 0 0.75em;
    border: 1px solid var(--share-bar-brand, var(--_c));
    border-radius: var(--share-bar-radius, 0.375em);
    background: var(--share-bar-brand, var(--_c));
    color: var(--share-bar-fg, var(--_t));
    font-weight: 600;
    white-space: nowrap;
    cursor: pointer;
  }
  .b:hover {
    filter: brightness(1.12);
  }
  .b:focus-visible {
    /* a white halo under the ring keeps it visible on light and dark pages alike */
    outline: 2px solid var(--share-bar-focus-ring, #1a5fd0);
    outline-offset: 2px;
    box-shadow: 0 0 0 2px #fff;
  }
  .outline .b,
  .plain .b {
    background: none;
    color: var(--share-bar-fg, inherit);
  }
  .plain .b {
    border-color: transparent;
  }
  .labels-none .b {
    padding: 0;
  }
  .small {
    --share-bar-button-height: 2em;
    font-size: 0.75rem;
  }
  .large {
    --share-bar-button-height: 2.75em;
    font-size: 1rem;
  }
  svg {
    width: 1.25em;
    height: 1.25em;
    flex: none;
    fill: currentColor;
  }
  .c {
    min-width: 3.5ch;
    padding: 0.15em 0.45em;
    text-align: center;
    border-radius: 1em;
    background: var(--share-bar-count-bg, #fff);
    color: var(--share-bar-count-fg, #1f1f1f);
    font-size: 0.85em;
  }
  .t,
  .s:not(:empty) {
    min-height: 1.2em;
    margin-top: 0.5em;
  }
  .t {
    font-weight: 700;
  }
  .c:empty {
    visibility: hidden;
  }
  .sr,
  .floating .h {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  summary {
    --_c: #555;
    --_t: #fff;
    margin-bottom: 0.5em;
  }
  .floating {
    position: fixed;
    inset-inline-start: 0.5em;
    top: 30%;
    z-index: 100;
  }
  @media (max-width: 40em) {
    .floating {
      inset: auto 0 0;
      padding: 0.25em;
    }
    .floating ul {
      flex-direction: row;
      justify-content: center;
    }
  }
  @media (prefers-color-scheme: dark) {
    /* black and near-black brands (X, Threads) keep an edge on dark pages */
    .solid .b {
      border-color: #fff8;
    }
  }
  @media (forced-colors: active) {
    .b {
      border-color: ButtonText;
    }
  }
`;
