/** The user-visible strings of one language; locales.ts holds them for every language. */
export interface Strings {
  /** Default heading above the buttons. */
  heading: string;
  /** Accessible name of the bar when it shows no heading. */
  share: string;
  /** Full label of a network without a call to action of its own; `{name}` is the network name. */
  shareOn: string;
  /** Calls to action of networks that have their own verb ("Pin on Pinterest"). */
  cta: Record<string, string>;
  /** Count phrases keyed by `Intl.PluralRules` category; `{n}` is the formatted number. */
  shares: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  /** Copy-link feedback. */
  copied: string;
  /** Shown when the browser refuses the clipboard ("Copy link: {url}"), to copy by hand. */
  copyFailed: string;
}

/** `template` with each `{name}` placeholder replaced by `values[name]`. */
export const replacePlaceholders = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);

/** `text` cut to `length` code points, so that no emoji is split in half. */
export const cut = (text: string, length: number): string =>
  text.length <= length ? text : [...text].slice(0, length).join('');
