import { css } from 'lit';
import { networkColor } from './networks.js';

/** The dashboard's colours, light and dark, following the page's color-scheme. */
export const themeStyles = css`
  :host {
    color-scheme: light dark;
    --text: light-dark(#1b1f24, #e6e8eb);
    --muted: light-dark(#57606a, #a4adb8);
    --card: light-dark(#ffffff, #161b22);
    --page: light-dark(#f4f6f8, #0d1117);
    --line: light-dark(#d0d7de, #30363d);
    --accent: light-dark(#0a58ca, #79b8ff);
    --accent-text: light-dark(#ffffff, #0d1117);
    --error: light-dark(#b3261e, #ff8a80);
    --up: light-dark(#116329, #56d364);
    --down: light-dark(#b3261e, #ff8a80);
    --focus: light-dark(#0a58ca, #79b8ff);
    color: var(--text);
  }
`;

/** Buttons, inputs and links as the dashboard draws them. */
export const formStyles = css`
  button,
  input,
  .button {
    font: inherit;
    color: inherit;
    border: 1px solid var(--line);
    border-radius: 6px;
    padding: 0.4rem 0.75rem;
    background: var(--card);
    min-height: 2.5rem;
    box-sizing: border-box;
  }
  button,
  .button {
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
  }
  button[aria-pressed='true'],
  button[type='submit'] {
    background: var(--accent);
    border-color: var(--accent);
    color: var(--accent-text);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  :is(button, input, a, .button):focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
  }
  a {
    color: var(--accent);
  }
  .help {
    color: var(--muted);
    font-size: 0.875rem;
    margin: 0;
  }
  code {
    font-size: 0.9em;
  }
`;

/** Hides text from sight but not from screen readers. */
export const visuallyHidden = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/** Whether an element is drawn light on dark (its text colour is light): the page's scheme, whatever set it. */
export function isDark(element: Element): boolean {
  const [r = 0, g = 0, b = 0] = (getComputedStyle(element).color.match(/[\d.]+/g) ?? []).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 128;
}

/**
 * Gives an element with `data-network` its network's colours as `--light` and `--dark`, for a
 * `background: light-dark(var(--light), var(--dark))`: the scheme can change without a render.
 */
export function paintNetwork(element: HTMLElement): void {
  const id = element.dataset.network ?? '';
  element.style.setProperty('--light', networkColor(id, false));
  element.style.setProperty('--dark', networkColor(id, true));
}
