import { createApp } from 'vue';
// Registers <share-bar>; Vue then sets bound values as properties where the element has them.
import 'share-bar/share-bar.js';
import App from './App.vue';

createApp(App).mount('#app');
