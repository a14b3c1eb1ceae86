import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Places a floating bar (layout="floating") where it covers no text of the page: its base gets
 * the class `side` (a rail at the viewport's inline-start edge) or `bottom` (a compact bar at the
 * bottom). The rail goes only where both hold:
 * - the page's column leaves an empty margin as wide as the rail plus its two offsets. The column
 *   is the bar's outermost ancestor narrower than the viewport (a centred container), so a
 *   sidebar inside that container counts as content; a bar whose ancestors all span the viewport
 *   finds no margin;
 * - nothing with text of its own lies in that margin in the middle half of the viewport's height,
 *   where the rail sits (a fixed sidebar, say).
 * `--share-bar-float: side | bottom` on the bar decides instead. Decided when the bar renders and
 * when the viewport's width changes, never on scroll.
 */
export class FloatingController implements ReactiveController {
  /** Whether the bar is a rail at the side; undefined until placed. */
  side?: boolean;

  /** The base the place was applied to, and the viewport width it was decided for. */
  private __base?: Element;
  private __width = 0;
  /** The widest of the toggle and the buttons, as last measured open. */
  private __widest = 0;

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
  }

  hostUpdated(): void {
    const base = this.__root();
    // A new template (other options) made a new base: it needs its place again.
    if (base != this.__base && base?.classList.contains('floating')) this.__place(base);
  }

  // Resize events come at most once a frame, in the rendering steps.
  private readonly __onResize = () => {
    if (this.__base && document.documentElement.clientWidth != this.__width) this.__place(this.__base);
  };

  /** Decides the place and applies it to `base`; a new place opens the bar again. */
  private __place(base: Element): void {
    const root = document.documentElement;
    const viewport = (this.__width = root.clientWidth);
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
    const rtl = getComputedStyle(root).direction == 'rtl';
    let column: DOMRect | undefined;
    for (let el = this.__host.parentElement; el && el != root; el = el.parentElement) {
      const box = el.getBoundingClientRect();
      if (box.width < viewport - 1) column = box;
    }
    const margin = column ? (rtl ? viewport - column.right : column.left) : 0;
    let side = forced == 'side' || (forced != 'bottom' && margin >= needed);
    const apply = () => {
      base.classList.toggle('side', side);
      base.classList.toggle('bottom', !side);
    };
    apply();
    // Looking under the rail hit-tests the page, which in Chromium's eyes paints the bar where it
    // is: so the rail is in its place first, and a bar that stays there is not seen to move.
    if (side && forced != 'side') {
      for (let y = innerHeight / 4; side && y <= (innerHeight * 3) / 4; y += innerHeight / 20) {
        for (const x of [offset, needed / 2, needed - offset]) {
          for (const el of document.elementsFromPoint(rtl ? viewport - x : x, y)) {
            if (!this.__host.contains(el) && [...el.childNodes].some((n) => n.nodeType == 3 && n.textContent!.trim()))
              side = false;
          }
        }
      }
      if (!side) apply();
    }
    if (this.side != null && side != this.side) details.open = true;
    this.side = side;
  }
}
