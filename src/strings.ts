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

/** Replaces `{key}` placeholders. */
export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
