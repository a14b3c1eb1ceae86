// Turkish: registers the strings of `lang="tr"` (share-bar/locales/tr.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'tr',
  'Ne kadar çok paylaşırsak, o kadar çok şeyimiz olur...|Paylaş|Paylaş: {name}|other={n} paylaşım|Bağlantı kopyalandı|Bağlantıyı kopyala|E-posta',
);
