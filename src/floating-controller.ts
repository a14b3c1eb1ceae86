import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where a floating bar is: a rail at the viewport's inline-start edge, or a bar at its bottom. */
export type FloatingPlace = 'side' | 'bottom';

/** Whether a page element has text of its own. */
const hasText = (el: Element) =>
  [...el.childNodes].some((node) => node.nodeType == Node.TEXT_NODE && node.textContent!.trim());

/**
 * Places a floating bar (layout="floating") where it covers no text of the page. The rail goes at
 * the viewport's inline-start edge only when both hold:
 * - the page's column leaves an empty margin as wide as the rail plus its two offsets. The column
 *   is the bar's outermost ancestor narrower than the viewport (a centred container), so a
 *   sidebar inside that container counts as content; a bar whose ancestors all span the viewport
 *   finds no margin;
 * - nothing with text lies in that margin, in the middle half of the viewport's height where the
 *   rail sits (a fixed sidebar, say), at the time of the decision.
 * Else it is a compact bar at the bottom. `--share-bar-float: side | bottom` on the bar decides
 * instead. Decided when the bar renders and when the viewport's width changes, never on scroll.
 */
export class FloatingController implements ReactiveController {
  /** Where the bar is; undefined until it has been placed. */
  place?: FloatingPlace;

  /** The base the place was applied to, and the viewport width it was decided for. */
  private __base?: Element;
  private __width = 0;
  /** The widest of the toggle and the buttons, as last measured open. */
  private __widest = 0;
  private __frame = 0;

  constructor(
    private readonly __host: ReactiveControllerHost & HTMLElement,
    private readonly __root: () => Element | null | undefined,
  ) {
    __host.addController(this);
  }

  hostConnected(): void {
    addEventListener('resize', this.__onResize);
  }

  hostDisconnected(): void {
    removeEventListener('resize', this.__onResize);
    cancelAnimationFrame(this.__frame);
  }

  hostUpdated(): void {
    const base = this.__root();
    if (!base?.classList.contains('floating')) return;
    // A new template (other options) made a new base: it needs its place again.
    if (base != this.__base) this.__place(base);
  }

  private readonly __onResize = () => {
    cancelAnimationFrame(this.__frame);
    this.__frame = requestAnimationFrame(() => {
      const base = this.__root();
      if (base == this.__base && base && document.documentElement.clientWidth != this.__width) this.__place(base);
    });
  };

  /** Decides the place and applies it to `base`; a new place opens the bar again. */
  private __place(base: Element): void {
    const viewport = document.documentElement.clientWidth;
    this.__width = viewport;
    this.__base = base;
    const details = base.querySelector('details')!;
    if (details.open) {
      for (const el of details.querySelectorAll<HTMLElement>('summary, [part~=button]')) {
        this.__widest = Math.max(this.__widest, el.offsetWidth);
      }
    }
    const forced = getComputedStyle(this.__host).getPropertyValue('--share-bar-float').trim();
    const offset = parseFloat(getComputedStyle(base).fontSize) / 2;
    const needed = this.__widest + 2 * offset;
    const rtl = getComputedStyle(document.documentElement).direction == 'rtl';
    let place: FloatingPlace =
      forced == 'side' || forced == 'bottom' ? forced : this.__margin(viewport, rtl) < needed ? 'bottom' : 'side';
    this.__apply(base, place);
    // Looking under the rail hit-tests the page, which paints the bar where it is in Chromium's
    // eyes: the rail is in its place first, so a bar that stays there is not seen to move.
    if (!forced && place == 'side' && this.__covers(viewport, needed, offset, rtl))
      this.__apply(base, (place = 'bottom'));
    if (this.place && place != this.place) details.open = true;
    this.place = place;
  }

  private __apply(base: Element, place: FloatingPlace): void {
    base.classList.toggle('side', place == 'side');
    base.classList.toggle('bottom', place == 'bottom');
  }

  /** The empty margin between the viewport's inline-start edge and the page's column, in px. */
  private __margin(viewport: number, rtl: boolean): number {
    let column: DOMRect | undefined;
    for (let el = this.__host.parentElement; el && el != document.documentElement; el = el.parentElement) {
      const box = el.getBoundingClientRect();
      if (box.width < viewport - 1) column = box;
    }
    return column ? (rtl ? viewport - column.right : column.left) : 0;
  }

  /** Whether anything with text lies where a rail `needed` px wide (offsets included) would be. */
  private __covers(viewport: number, needed: number, offset: number, rtl: boolean): boolean {
    const height = innerHeight;
    for (let y = height / 4; y <= (height * 3) / 4; y += height / 20) {
      for (const x of [offset, needed / 2, needed - offset]) {
        for (const el of document.elementsFromPoint(rtl ? viewport - x : x, y)) {
          if (el != this.__host && !this.__host.contains(el) && hasText(el)) return true;
        }
      }
    }
    return false;
  }
}
