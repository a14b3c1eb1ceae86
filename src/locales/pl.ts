// Polish: registers the strings of `lang="pl"` (share-bar/locales/pl.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'pl',
  'Im więcej się dzielimy, tym więcej mamy...|Udostępnij|Udostępnij: {name}|one={n} udostępnienie;few={n} udostępnienia;other={n} udostępnień|Skopiowano link|Kopiuj link|E-mail',
);
