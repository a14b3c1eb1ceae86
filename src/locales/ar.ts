// Arabic (right to left): registers the strings of `lang="ar"` (share-bar/locales/ar.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'ar',
  'كلما شاركنا أكثر، امتلكنا أكثر...|مشاركة|المشاركة على {name}|few={n} مشاركات;other={n} مشاركة|تم نسخ الرابط|نسخ الرابط|البريد',
);
