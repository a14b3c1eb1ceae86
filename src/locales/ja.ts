// Japanese: registers the strings of `lang="ja"` (share-bar/locales/ja.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'ja',
  'シェアすればするほど、豊かになる...|シェア|{name}でシェア|other={n}件のシェア|リンクをコピーしました|リンクをコピー|メール',
);
