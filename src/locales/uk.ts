// Ukrainian: registers the strings of `lang="uk"` (share-bar/locales/uk.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'uk',
  'Чим більше ми ділимося, тим більше маємо...|Поділитися|Поділитися в {name}|one={n} поширення;few={n} поширення;other={n} поширень|Посилання скопійовано|Копіювати посилання|Пошта',
);
