// Spanish: registers the strings of `lang="es"` (share-bar/locales/es.js).
import { registerLanguage } from '../locales.js';

registerLanguage(
  'es',
  'Cuanto más compartimos, más tenemos...|Compartir|Compartir en {name}|one={n} vez compartido;other={n} veces compartido|Enlace copiado|Copiar enlace|Correo',
);
