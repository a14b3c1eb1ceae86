import type { ReactiveController, ReactiveElement } from 'lit';

/** What `labels="auto"` can show, fullest first: the networks' calls to action, their names, icons only. */
export const LABEL_FITS = ['full', 'short', 'none'] as const;

/** One of LABEL_FITS. */
export type LabelFit = (typeof LABEL_FITS)[number];

/** What the controller measures in its host's shadow tree. */
export interface FitTarget {
  /**
   * A block as wide as the bar that no change of labels resizes (the heading's slot): watching the
   * bar itself, whose height the labels change, would resize what the observer just reported on.
   */
  edge: Element;
  /** The buttons' container. */
  list: Element;
  /** Whether the buttons stand in a column: then the widest must fit, not the whole row. */
  column: boolean;
}

/**
 * Picks the labels of a `labels="auto"` bar: the fullest whose row fits in the bar's width. One
 * ResizeObserver for every bar reports width changes; the row is measured from the buttons as
 * shown, once per width change and after each update, for every bar together (so one layout
 * serves them all), and each way of labelling is measured once until the content changes. A
 * change of labels is rendered before the next paint: the bar never shows a wrapped row first.
 */
export class LabelFitController implements ReactiveController {
  /** The labels to show now. */
  fit: LabelFit = 'full';

  private static __observer?: ResizeObserver;
  private static readonly __byEdge = new WeakMap<Element, LabelFitController>();
  /** Bars to measure once their updates are done; undefined when no measuring is under way. */
  private static __pending?: Set<LabelFitController>;

  private readonly __host: ReactiveElement;
  private readonly __target: () => FitTarget | undefined;
  /** The edge being watched. */
  private __edge?: Element;
  /** The bar's width as last reported; -1 before the first report. */
  private __width = -1;
  /** What the buttons were made of when measured. */
  private __key = '';
  /** The width the row needs with each labelling measured so far. */
  private __needs: Partial<Record<LabelFit, number>> = {};

  constructor(host: ReactiveElement, target: () => FitTarget | undefined) {
    this.__host = host;
    this.__target = target;
    host.addController(this);
  }

  /** Called by the host before each render with what its buttons are made of: a change forgets the measures. */
  watch(key: string): void {
    if (key != this.__key) this.__needs = {};
    this.__key = key;
  }

  hostConnected(): void {
    if (this.__edge) LabelFitController.__observer!.observe(this.__edge);
  }

  hostDisconnected(): void {
    if (this.__edge) LabelFitController.__observer!.unobserve(this.__edge);
    this.__width = -1;
  }

  hostUpdated(): void {
    if (!this.__host.isConnected) return;
    const edge = this.__target()?.edge;
    if (edge != this.__edge) {
      // A new shadow tree: a new bar, or other labels (each labelling is a template of its own).
      const observer = (LabelFitController.__observer ??= new ResizeObserver(LabelFitController.__onResize));
      if (this.__edge) observer.unobserve(this.__edge);
      this.__edge = edge;
      if (!edge) return;
      LabelFitController.__byEdge.set(edge, this);
      observer.observe(edge);
    }
    // A bar not measured yet is in the next frame; one measured (same bar, same width, other
    // labels or counts) once its update is rendered, before the next paint.
    if (!edge) return;
    if (this.__width < 0) LabelFitController.__refitSoon(this);
    else LabelFitController.__measureSoon(this);
  }

  private static __onResize(entries: ResizeObserverEntry[]): void {
    for (const { target, contentRect } of entries) {
      const controller = LabelFitController.__byEdge.get(target);
      // Height changes (the heading wrapping) need nothing.
      if (!controller || controller.__edge != target || contentRect.width == controller.__width) continue;
      controller.__width = contentRect.width;
      LabelFitController.__refitSoon(controller);
    }
  }

  /** Bars to fit in the coming animation frame; undefined when none is asked for. */
  private static __resized?: Set<LabelFitController>;

  /**
   * Fits `controller`'s labels at the start of the next frame, before its layout and paint: a
   * new bar is painted fitted. Not in the observer's report itself: new labels can change the
   * page's height, and with it its scrollbar and every bar's width, after the report, which
   * browsers flag as a "ResizeObserver loop" error on the page.
   */
  private static __refitSoon(controller: LabelFitController): void {
    if (LabelFitController.__resized) {
      LabelFitController.__resized.add(controller);
      return;
    }
    const bars = (LabelFitController.__resized = new Set([controller]));
    requestAnimationFrame(() => {
      LabelFitController.__resized = undefined;
      for (const bar of bars) {
        if (!bar.__edge) continue;
        if (bar.__width < 0) bar.__width = bar.__edge.getBoundingClientRect().width;
        bar.__refit();
      }
    });
  }

  /** Measures `controller`'s row once the updates under way are rendered, still before the next paint. */
  private static __measureSoon(controller: LabelFitController): void {
    if (LabelFitController.__pending) {
      LabelFitController.__pending.add(controller);
      return;
    }
    let bars = (LabelFitController.__pending = new Set([controller]));
    void (async () => {
      while (bars.size) {
        await Promise.all([...bars].map((bar) => bar.__host.updateComplete));
        const measured = bars;
        bars = LabelFitController.__pending = new Set();
        // Only reads until every bar is measured: requestUpdate renders later.
        for (const bar of measured) if (bar.__edge && bar.__width >= 0) bar.__refit();
      }
      LabelFitController.__pending = undefined;
    })();
  }

  /** Measures the row as labelled now and switches to the fullest labelling that fits. */
  private __refit(): void {
    const target = this.__target();
    if (!target) return;
    let row = 0;
    let widest = 0;
    const rects = [...target.list.children].map((item) => item.getBoundingClientRect());
    for (const { width } of rects) {
      row += width;
      widest = Math.max(widest, width);
    }
    // The gap between the first two buttons, where they share a row (else as styled): reading
    // the style of hundreds of bars costs more than their boxes.
    const [first, second] = rects;
    const gap = !second
      ? 0
      : first!.top == second.top
        ? Math.max(second.left - first!.right, first!.left - second.right)
        : parseFloat(getComputedStyle(target.list).columnGap) || 0;
    const need = target.column ? widest : row + gap * (rects.length - 1);
    const needs = this.__needs;
    // The buttons changed size (a count arrived, a font loaded): the other measures are out of date.
    if (needs[this.fit] != null && Math.abs(needs[this.fit]! - need) > 0.5) this.__needs = {};
    this.__needs[this.fit] = need;
    // A labelling not measured yet is tried; the measure after its render keeps it or moves on.
    const fit = LABEL_FITS.find((labels) => !(this.__needs[labels]! > this.__width + 0.5)) ?? 'none';
    if (fit != this.fit) {
      this.fit = fit;
      this.__host.requestUpdate();
    }
  }
}
