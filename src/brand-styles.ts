/**
 * One style sheet for every bar on the page with one rule per registered network: its brand
 * colour and the text colour that reads on it, worked out once per network, not per button.
 */
import { isServer, type CSSResultOrNative } from 'lit';
import { onRegister, type Network } from './registry.js';

/** Relative luminance of `#rrggbb` (WCAG 2). */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** White text where it reaches 4.5:1 on the brand colour, black otherwise. */
const textColorOn = (hex: string): string => (1.05 / (luminance(hex) + 0.05) >= 4.5 ? '#fff' : '#000');

/**
 * The rule for one network's buttons. A colour that is not `#rrggbb` gets no rule (the button
 * keeps the neutral grey), so no registered value can write CSS of its own; the id is escaped.
 */
function brandRule({ id, color }: Network): string {
  if (!/^#[\da-f]{6}$/i.test(color)) return '';
  const value = id.replace(/[^\w-]/g, (c) => '\\' + c.codePointAt(0)!.toString(16) + ' ');
  return `[data-network="${value}"]{--_brand:${color};--_brand-text:${textColorOn(color)}}`;
}

const rules: string[] = [];
const sheet = isServer ? undefined : new CSSStyleSheet();
let pending = false;

// A network registered again gets a second rule after the first, which wins. The sheet is written
// once for all the networks registered in one go (the built-ins at load), before any bar renders.
onRegister((network) => {
  const rule = brandRule(network);
  if (!rule) return;
  rules.push(rule);
  if (sheet && !pending) {
    pending = true;
    queueMicrotask(() => {
      pending = false;
      sheet.replaceSync(rules.join(''));
    });
  }
}, true);

/**
 * The brand colours for `static styles`: in the browser the one live sheet shared by every bar,
 * which grows as networks are registered; in server rendering, the rules as text at the time of
 * rendering (what `@lit-labs/ssr` reads from a style).
 */
export const brandStyles = (sheet ?? {
  get cssText() {
    return rules.join('');
  },
}) as CSSResultOrNative;
