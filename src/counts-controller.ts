import { isServer, type ReactiveController, type ReactiveElement } from 'lit';
import { requestCounts, wantCounts } from './counts.js';
import { warnOnce } from './page.js';
import type { Counts } from './protocol.js';
import type { Network } from './registry.js';

/**
 * The counts lifecycle of one bar: asks the count endpoint for the counts of its url (sharing the
 * request with every bar on the page showing that url), at once or when the bar nears the
 * viewport, withdraws when the bar leaves the page or moves on to another url, and fires
 * `counts-load` or `counts-error` on the host. Nothing happens in server rendering.
 */
export class CountsController implements ReactiveController {
  /** Counts from the endpoint for the current url; empty until they arrive. */
  counts: Counts = {};

  /** Whether the request for the current endpoint and url has ended (with counts or not). */
  settled = false;

  private readonly __host: ReactiveElement;
  /** The element whose nearing the viewport starts a lazy request. */
  private readonly __target: () => Element | null;
  /** Endpoint and url the counts belong to; empty without an endpoint. */
  private __key = '';
  /** A request to start after the next render: endpoint, url, networks, lazy. */
  private __pending?: [string, string, string[], boolean];
  private __observer?: IntersectionObserver;
  /** The element the lazy observer watches. */
  private __observed?: Element | null;
  private __withdraw?: () => void;

  constructor(host: ReactiveElement, target: () => Element | null) {
    this.__host = host;
    this.__target = target;
    host.addController(this);
  }

  /**
   * Called by the host in every update, before it renders: a new endpoint or url drops the old
   * counts at once (so they are never shown for the wrong page) and asks again after the render.
   */
  watch(endpoint: string, url: string, networks: Network[], lazy: boolean): void {
    const key = endpoint && endpoint + '\n' + url;
    if (key == this.__key) return;
    this.__stop();
    this.__key = key;
    this.__pending = key ? [endpoint, url, networks.map((network) => network.id), lazy] : undefined;
  }

  hostConnected(): void {
    // Back in the document after a move: ask again (see hostDisconnected).
    if (this.__host.hasUpdated) this.__host.requestUpdate();
  }

  hostDisconnected(): void {
    this.__stop();
    this.__key = '';
    this.__pending = undefined;
  }

  hostUpdated(): void {
    // Other labels or another layout render a new tree: the lazy bar waits for its new base.
    const target = this.__target();
    if (this.__observed != target && this.__observer && target) {
      this.__observer.disconnect();
      this.__observer.observe((this.__observed = target));
    }
    if (!this.__pending || isServer) return;
    const [endpoint, url, networks, lazy] = this.__pending;
    this.__pending = undefined;
    wantCounts(endpoint, url, networks);
    if (!lazy) return this.__load(endpoint, url);
    this.__observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this.__stopWatching();
        this.__load(endpoint, url);
      },
      { rootMargin: '300px' },
    );
    if ((this.__observed = this.__target())) this.__observer.observe(this.__observed);
  }

  private __load(endpoint: string, url: string): void {
    const host = this.__host;
    this.__withdraw = requestCounts(endpoint, url, (result) => {
      this.__withdraw = undefined;
      this.settled = true;
      if ('counts' in result) {
        this.counts = result.counts;
        host.dispatchEvent(new CustomEvent('counts-load', { detail: { url, counts: result.counts } }));
      } else {
        warnOnce(endpoint + '\n' + url, `counts from ${endpoint} failed: ${result.error}`);
        host.dispatchEvent(new CustomEvent('counts-error', { detail: { url, error: result.error } }));
      }
      host.requestUpdate();
    });
  }

  /** Forgets the counts of the previous endpoint or url and withdraws from a pending request. */
  private __stop(): void {
    this.__stopWatching();
    this.__withdraw?.();
    this.__withdraw = undefined;
    this.settled = false;
    this.counts = {};
  }

  private __stopWatching(): void {
    this.__observer?.disconnect();
    this.__observer = undefined;
  }
}
