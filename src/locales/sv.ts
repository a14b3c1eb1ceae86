// Swedish: registers the strings of `lang="sv"` (share-bar/locales/sv.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'sv',
  'Ju mer vi delar, desto mer har vi...|Dela|Dela på {name}|one={n} delning;other={n} delningar|Länken kopierad|Kopiera länk|E-post',
);
