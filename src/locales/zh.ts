// Chinese: registers the strings of `lang="zh"` (share-bar/locales/zh.js).
import { registerLanguage } from '../locales.js';

registerLanguage('zh', '分享越多，拥有越多...|分享|分享到{name}|other={n} 次分享|链接已复制|复制链接|邮件');
