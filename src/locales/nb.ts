// Norwegian (Bokmål; also taken for no and nn): registers the strings of `lang="nb"` (share-bar/locales/nb.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'nb',
  'Jo mer vi deler, jo mer har vi...|Del|Del på {name}|one={n} deling;other={n} delinger|Lenke kopiert|Kopier lenke|E-post',
);
