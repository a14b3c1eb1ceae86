// Dutch: registers the strings of `lang="nl"` (share-bar/locales/nl.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'nl',
  'Hoe meer we delen, hoe meer we hebben...|Delen|Delen op {name}|other={n} keer gedeeld|Link gekopieerd|Link kopiëren|E-mail',
);
