import {css} from 'lit';

// The brand colour reaches each button through `--_brand` (set per button from the registry);
// `--share-bar-brand` on the host overrides it for a neutral bar.
export const styles = css`
  :host {
    display: block;
    box-sizing: border-box;
    color: inherit;
    font-size: var(--share-bar-font-size, 0.875rem);
    line-height: 1.2;
  }
  :host([hidden]) {
    display: none;
  }
  .bar {
    background: var(--share-bar-bg, transparent);
  }
  [part='heading'] {
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
    align-items: stretch;
  }
  a,
  button {
    all: unset;
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    height: var(--share-bar-button-height, 2.5em);
    min-width: var(--share-bar-button-height, 2.5em);
    padding: 0 0.75em;
    border: 1px solid var(--share-bar-brand, var(--_brand));
    border-radius: var(--share-bar-radius, 0.375em);
    background: var(--share-bar-brand, var(--_brand));
    color: var(--share-bar-fg, var(--_on-brand));
    font: inherit;
    font-weight: 600;
    white-space: nowrap;
    cursor: pointer;
    transition: filter 0.15s;
  }
  a:hover,
  button:hover {
    filter: brightness(1.12);
  }
  a:focus-visible,
  button:focus-visible {
    outline: 3px solid var(--share-bar-focus-ring, #1a5fd0);
    outline-offset: 2px;
  }
  .outline a,
  .outline button,
  .plain a,
  .plain button {
    background: transparent;
    color: var(--share-bar-fg, inherit);
  }
  .plain a,
  .plain button {
    border-color: transparent;
  }
  .labels-none a,
  .labels-none button {
    padding: 0;
  }
  .small {
    --share-bar-button-height: 2em;
    font-size: 0.75rem;
  }
  .large {
    font-size: 1rem;
    --share-bar-button-height: 2.75em;
  }
  svg {
    width: 1.25em;
    height: 1.25em;
    flex: none;
    fill: currentColor;
  }
  [part='count'],
  [part='total'] {
    font-variant-numeric: tabular-nums;
  }
  [part='count'] {
    padding: 0.15em 0.45em;
    border-radius: 1em;
    background: var(--share-bar-count-bg, #fff);
    color: var(--share-bar-count-fg, #1f1f1f);
    font-size: 0.85em;
  }
  [part='total'] {
    margin-top: 0.5em;
    font-weight: 700;
  }
  [part='status']:empty {
    display: none;
  }
  [part='status'] {
    margin-top: 0.5em;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .floating {
    position: fixed;
    inset-inline-start: 0.5em;
    top: 50%;
    transform: translateY(-50%);
    z-index: 100;
  }
  .floating [part='heading'] {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  @media (max-width: 40em) {
    .floating {
      inset: auto 0 0 0;
      transform: none;
      padding: 0.25em;
    }
    .floating ul {
      flex-direction: row;
      justify-content: center;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    a,
    button {
      transition: none;
    }
  }
  @media (forced-colors: active) {
    a,
    button {
      border-color: ButtonText;
    }
    a:focus-visible,
    button:focus-visible {
      outline-color: Highlight;
    }
  }
`;
