// Korean: registers the strings of `lang="ko"` (share-bar/locales/ko.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'ko',
  '나눌수록 더 많이 가집니다...|공유|{name}에 공유|other=공유 {n}회|링크가 복사되었습니다|링크 복사|이메일',
);
