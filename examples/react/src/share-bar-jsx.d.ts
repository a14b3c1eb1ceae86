// <share-bar> in React 19's JSX. React sets a prop as a property when the element has one (all of
// share-bar's options, camelCase: `countDisplay`, `countsUrl`, and `counts` as an object) and
// listens to `on<event>` props as events, by the event's exact name: `onshare`, `oncounts-load`.
import type { Counts, ShareBarElement, ShareBarOptions, ShareDetail } from 'share-bar';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

type ShareBarProps = DetailedHTMLProps<HTMLAttributes<ShareBarElement>, ShareBarElement> &
  Partial<ShareBarOptions> & {
    onshare?: (event: CustomEvent<ShareDetail>) => void;
    'oncounts-load'?: (event: CustomEvent<{ url: string; counts: Counts }>) => void;
    'oncounts-error'?: (event: CustomEvent<{ url: string; error: string }>) => void;
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'share-bar': ShareBarProps;
    }
  }
}
