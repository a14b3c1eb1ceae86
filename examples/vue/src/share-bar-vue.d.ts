// <share-bar> in Vue templates, for vue-tsc with strictTemplates: the pattern of Vue's guide
// ("Web Components and TypeScript"), with share-bar's options as props and its events. (vue-tsc
// 3.3 accepts the element with it but does not yet check the values bound to it.)
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { Counts, ShareBarElement, ShareBarOptions, ShareDetail } from 'share-bar';

interface ShareBarEvents {
  share: CustomEvent<ShareDetail>;
  'counts-load': CustomEvent<{ url: string; counts: Counts }>;
  'counts-error': CustomEvent<{ url: string; error: string }>;
}

type ShareBarComponent = new () => ShareBarElement & {
  /** For template type checks only. */
  $props: HTMLAttributes & Partial<ShareBarOptions> & PublicProps;
  /** For template type checks only. */
  $emit: EmitFn<{ [K in keyof ShareBarEvents]: (event: ShareBarEvents[K]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'share-bar': ShareBarComponent;
  }
}
