// Hebrew (right to left): registers the strings of `lang="he"` (share-bar/locales/he.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'he',
  'ככל שנשתף יותר, יהיה לנו יותר...|שיתוף|שיתוף ב־{name}|one={n} שיתוף;other={n} שיתופים|הקישור הועתק|העתקת קישור|דוא״ל',
);
