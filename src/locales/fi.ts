// Finnish: registers the strings of `lang="fi"` (share-bar/locales/fi.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'fi',
  'Mitä enemmän jaamme, sitä enemmän meillä on...|Jaa|Jaa: {name}|one={n} jako;other={n} jakoa|Linkki kopioitu|Kopioi linkki|Sähköposti',
);
