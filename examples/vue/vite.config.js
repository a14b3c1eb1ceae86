import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [
    // <share-bar> is a custom element, not a Vue component: Vue leaves it to the browser.
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag == 'share-bar' } } }),
  ],
});
