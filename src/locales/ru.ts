// Russian: registers the strings of `lang="ru"` (share-bar/locales/ru.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'ru',
  'Чем больше мы делимся, тем больше у нас есть...|Поделиться|Поделиться в {name}|one={n} репост;few={n} репоста;other={n} репостов|Ссылка скопирована|Копировать ссылку|Почта',
);
