// <share-bar> in Svelte 5 markup, for svelte-check: Svelte sets an attribute as a property when the
// element has one (share-bar's options, camelCase; `counts` as an object) and takes `on<event>`
// attributes as listeners of that event.
import type { HTMLAttributes } from 'svelte/elements';
import type { Counts, ShareBarElement, ShareBarOptions, ShareDetail } from 'share-bar';

declare module 'svelte/elements' {
  export interface SvelteHTMLElements {
    'share-bar': HTMLAttributes<ShareBarElement> &
      Partial<ShareBarOptions> & {
        onshare?: (event: CustomEvent<ShareDetail>) => void;
        'oncounts-load'?: (event: CustomEvent<{ url: string; counts: Counts }>) => void;
        'oncounts-error'?: (event: CustomEvent<{ url: string; error: string }>) => void;
      };
  }
}
