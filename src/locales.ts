import type { Strings } from './strings.js';

// Every user-visible string of a language is one line. Fields, separated by '|': heading | bar
// name | "Share on {name}" | count phrases by plural category ("one=…;other=…", see
// Intl.PluralRules) | copied | "Copy link" | email button | optional calls to action of networks
// with a verb of their own ("x=Post on X;…"). The native share button says the bar name and "…";
// when the clipboard is refused, the bar shows "Copy link: <url>". Languages that inflect network
// names say "Share: {name}" instead of "Share on {name}".
// English is built in; every other language is a module of its own (locales/<code>.ts) that
// registers its line, so an app ships only the languages it imports.
const table: Record<string, string> = {
  en: 'The more we share, the more we have...|Share|Share on {name}|one={n} share;other={n} shares|Link copied|Copy link|Send by email|x=Post on X;pinterest=Pin on Pinterest',
};

/** Languages written right to left. */
export const rtl = ['ar', 'he'];

// By language code, and by locale as asked for (most pages ask for one locale, again and again).
const cache = new Map<string, Strings>();
const byLocale = new Map<string, Strings>();

const listeners: (() => void)[] = [];

/** Calls `listener` whenever a language is registered (a module loaded after the bars rendered). */
export const onLanguage = (listener: () => void): void => void listeners.push(listener);

/** Adds or replaces the strings of a language, given as one line in the format above. */
export function registerLanguage(code: string, line: string): void {
  table[code] = line;
  cache.delete(code);
  byLocale.clear();
  listeners.forEach((listener) => listener());
}

/** Codes of the languages with strings, English first. */
export const languages = (): string[] => Object.keys(table);

/** The primary language of a locale that has strings, else `en`. */
export function language(locale: string): string {
  const lang = locale.toLowerCase().split('-')[0]!;
  const code = lang == 'no' || lang == 'nn' ? 'nb' : lang;
  return Object.hasOwn(table, code) ? code : 'en';
}

/** `a=1;b=2` as an object. */
const pairs = (list = '') => Object.fromEntries(list.split(';').map((pair) => pair.split('=')));

/** The strings of a locale; languages without strings get English. */
export function stringsFor(locale: string): Strings {
  const known = byLocale.get(locale);
  if (known) return known;
  const code = language(locale);
  let strings = cache.get(code);
  if (!strings) {
    const [heading, share, shareOn, shares, copied, copy, email, ctas] = table[code]!.split('|') as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string?,
    ];
    strings = {
      heading,
      share,
      shareOn,
      shares: pairs(shares) as Strings['shares'],
      copied,
      copyFailed: copy + ': {url}',
      cta: { copy, email, native: share + '…', ...(ctas && pairs(ctas)) },
    };
    cache.set(code, strings);
  }
  byLocale.set(locale, strings);
  return strings;
}

/** Number formats and plural rules of a locale, made once: they are costly to create. */
export interface Formats {
  compact: Intl.NumberFormat;
  exact: Intl.NumberFormat;
  plural: Intl.PluralRules;
}

const formatCache: Record<string, Formats> = {};

/** The cached formats of a (canonical) locale; made only when a count is shown. */
export const formats = (locale: string): Formats =>
  (formatCache[locale] ??= {
    compact: new Intl.NumberFormat(locale, { notation: 'compact' }),
    exact: new Intl.NumberFormat(locale),
    plural: new Intl.PluralRules(locale),
  });
