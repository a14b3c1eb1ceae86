// German: registers the strings of `lang="de"` (share-bar/locales/de.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'de',
  'Je mehr wir teilen, desto mehr haben wir...|Teilen|Auf {name} teilen|other={n}-mal geteilt|Link kopiert|Link kopieren|E-Mail',
);
