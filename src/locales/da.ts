// Danish: registers the strings of `lang="da"` (share-bar/locales/da.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'da',
  'Jo mere vi deler, jo mere har vi...|Del|Del på {name}|one={n} deling;other={n} delinger|Link kopieret|Kopiér link|E-mail',
);
