// Portuguese: registers the strings of `lang="pt"` (share-bar/locales/pt.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'pt',
  'Quanto mais compartilhamos, mais temos...|Compartilhar|Compartilhar no {name}|one={n} compartilhamento;other={n} compartilhamentos|Link copiado|Copiar link|E-mail',
);
