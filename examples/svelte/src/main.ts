import { mount } from 'svelte';
// Registers <share-bar>; Svelte then sets attributes as properties where the element has them.
import 'share-bar/share-bar.js';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
