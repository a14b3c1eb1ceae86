// French: registers the strings of `lang="fr"` (share-bar/locales/fr.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'fr',
  'Plus nous partageons, plus nous avons...|Partager|Partager sur {name}|one={n} partage;other={n} partages|Lien copié|Copier le lien|E-mail',
);
