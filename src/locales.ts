import type { Strings } from './strings.js';

// Every user-visible string, one line per language to keep the bundle small. Fields, separated by
// '|': heading | bar name | "Share on {name}" | count phrases by plural category ("one=…;other=…",
// see Intl.PluralRules) | copied | "Copy link" | email button | optional
// calls to action of networks with a verb of their own ("x=Post on X;…"). The native share
// button says the bar name and "…"; when the clipboard is refused, the bar shows "Copy link: <url>".
// Languages that inflect network names say "Share: {name}" instead of "Share on {name}".
const table: Record<string, string> = {
  en: 'The more we share, the more we have...|Share|Share on {name}|one={n} share;other={n} shares|Link copied|Copy link|Send by email|x=Post on X;pinterest=Pin on Pinterest',
  de: 'Je mehr wir teilen, desto mehr haben wir...|Teilen|Auf {name} teilen|other={n}-mal geteilt|Link kopiert|Link kopieren|E-Mail',
  fr: 'Plus nous partageons, plus nous avons...|Partager|Partager sur {name}|one={n} partage;other={n} partages|Lien copié|Copier le lien|E-mail',
  es: 'Cuanto más compartimos, más tenemos...|Compartir|Compartir en {name}|one={n} vez compartido;other={n} veces compartido|Enlace copiado|Copiar enlace|Correo',
  it: 'Più condividiamo, più abbiamo...|Condividi|Condividi su {name}|one={n} condivisione;other={n} condivisioni|Link copiato|Copia link|Email',
  pt: 'Quanto mais compartilhamos, mais temos...|Compartilhar|Compartilhar no {name}|one={n} compartilhamento;other={n} compartilhamentos|Link copiado|Copiar link|E-mail',
  nl: 'Hoe meer we delen, hoe meer we hebben...|Delen|Delen op {name}|other={n} keer gedeeld|Link gekopieerd|Link kopiëren|E-mail',
  pl: 'Im więcej się dzielimy, tym więcej mamy...|Udostępnij|Udostępnij: {name}|one={n} udostępnienie;few={n} udostępnienia;other={n} udostępnień|Skopiowano link|Kopiuj link|E-mail',
  sv: 'Ju mer vi delar, desto mer har vi...|Dela|Dela på {name}|one={n} delning;other={n} delningar|Länken kopierad|Kopiera länk|E-post',
  da: 'Jo mere vi deler, jo mere har vi...|Del|Del på {name}|one={n} deling;other={n} delinger|Link kopieret|Kopiér link|E-mail',
  fi: 'Mitä enemmän jaamme, sitä enemmän meillä on...|Jaa|Jaa: {name}|one={n} jako;other={n} jakoa|Linkki kopioitu|Kopioi linkki|Sähköposti',
  nb: 'Jo mer vi deler, jo mer har vi...|Del|Del på {name}|one={n} deling;other={n} delinger|Lenke kopiert|Kopier lenke|E-post',
  cs: 'Čím víc sdílíme, tím víc máme...|Sdílet|Sdílet: {name}|other={n} sdílení|Odkaz zkopírován|Kopírovat odkaz|E-mail',
  tr: 'Ne kadar çok paylaşırsak, o kadar çok şeyimiz olur...|Paylaş|Paylaş: {name}|other={n} paylaşım|Bağlantı kopyalandı|Bağlantıyı kopyala|E-posta',
  ru: 'Чем больше мы делимся, тем больше у нас есть...|Поделиться|Поделиться в {name}|one={n} репост;few={n} репоста;other={n} репостов|Ссылка скопирована|Копировать ссылку|Почта',
  uk: 'Чим більше ми ділимося, тим більше маємо...|Поділитися|Поділитися в {name}|one={n} поширення;few={n} поширення;other={n} поширень|Посилання скопійовано|Копіювати посилання|Пошта',
  ja: 'シェアすればするほど、豊かになる...|シェア|{name}でシェア|other={n}件のシェア|リンクをコピーしました|リンクをコピー|メール',
  zh: '分享越多，拥有越多...|分享|分享到{name}|other={n} 次分享|链接已复制|复制链接|邮件',
  ko: '나눌수록 더 많이 가집니다...|공유|{name}에 공유|other=공유 {n}회|링크가 복사되었습니다|링크 복사|이메일',
  ar: 'كلما شاركنا أكثر، امتلكنا أكثر...|مشاركة|المشاركة على {name}|few={n} مشاركات;other={n} مشاركة|تم نسخ الرابط|نسخ الرابط|البريد',
  he: 'ככל שנשתף יותר, יהיה לנו יותר...|שיתוף|שיתוף ב־{name}|one={n} שיתוף;other={n} שיתופים|הקישור הועתק|העתקת קישור|דוא״ל',
};

/** Languages written right to left. */
export const rtl = ['ar', 'he'];

const cache: Record<string, Strings> = {};

/** Language codes with built-in strings. */
export const languages = Object.keys(table);

/** The primary language of a locale that has built-in strings, else `en`. */
export function language(locale: string): string {
  const lang = locale.toLowerCase().split('-')[0]!;
  const code = lang == 'no' || lang == 'nn' ? 'nb' : lang;
  return code in table ? code : 'en';
}

/** `a=1;b=2` as an object. */
const pairs = (list = '') => Object.fromEntries(list.split(';').map((pair) => pair.split('=')));

/** The strings of a locale; unknown languages get English. */
export function stringsFor(locale: string): Strings {
  const code = language(locale);
  if (!cache[code]) {
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
    cache[code] = {
      heading,
      share,
      shareOn,
      shares: pairs(shares) as Strings['shares'],
      copied,
      copyFailed: copy + ': {url}',
      cta: { copy, email, native: share + '…', ...(ctas && pairs(ctas)) },
    };
  }
  return cache[code]!;
}

/** Number formats and plural rules of a locale, made once: they are costly to create. */
export interface Formats {
  compact: Intl.NumberFormat;
  exact: Intl.NumberFormat;
  plural: Intl.PluralRules;
}

const formatCache: Record<string, Formats> = {};

/** The cached formats of a (canonical) locale. */
export const formats = (locale: string): Formats =>
  (formatCache[locale] ??= {
    compact: new Intl.NumberFormat(locale, { notation: 'compact' }),
    exact: new Intl.NumberFormat(locale),
    plural: new Intl.PluralRules(locale),
  });
