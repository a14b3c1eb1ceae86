// Italian: registers the strings of `lang="it"` (share-bar/locales/it.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'it',
  'Più condividiamo, più abbiamo...|Condividi|Condividi su {name}|one={n} condivisione;other={n} condivisioni|Link copiato|Copia link|Email',
);
