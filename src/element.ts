// `share-bar/element.js`: registers <share-bar> with no network; import the networks you show
// (`share-bar/networks/<id>.js`) beside it, so that a bundler ships only those.
import { ShareBarElement, type ShareDetail } from './share-bar-element.js';
import type { Counts } from './protocol.js';

export * from './index.js';

/**
 * Registers `<share-bar>` (or `tag`). A second call is harmless; another version already
 * registered under the tag is kept, with one warning.
 */
export function define(tag = 'share-bar', registry: CustomElementRegistry = customElements): void {
  const existing = registry.get(tag) as typeof ShareBarElement | undefined;
  // A constructor can be defined once per registry: another tag gets a subclass of its own.
  if (!existing) registry.define(tag, tag == 'share-bar' ? ShareBarElement : class extends ShareBarElement {});
  else if (existing.version !== ShareBarElement.version) {
    console.warn(
      `share-bar: <${tag}> is already defined by version ${existing.version}; ${ShareBarElement.version} is not used.`,
    );
  }
}

define();

declare global {
  interface HTMLElementTagNameMap {
    'share-bar': ShareBarElement;
  }
  // On the global map: `share` bubbles and composes, so document and window listeners see it too.
  interface GlobalEventHandlersEventMap {
    share: CustomEvent<ShareDetail>;
    'counts-load': CustomEvent<{ url: string; counts: Counts }>;
    'counts-error': CustomEvent<{ url: string; error: string }>;
  }
}
