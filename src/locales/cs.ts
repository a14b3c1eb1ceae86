// Czech: registers the strings of `lang="cs"` (share-bar/locales/cs.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'cs',
  'Čím víc sdílíme, tím víc máme...|Sdílet|Sdílet: {name}|other={n} sdílení|Odkaz zkopírován|Kopírovat odkaz|E-mail',
);
