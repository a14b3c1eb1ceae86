import { render, type TemplateResult, type nothing } from 'lit/html.js';

// One constructed sheet per element class, shared by its instances.
const sheets = new WeakMap<typeof ElementBase, CSSStyleSheet>();

/**
 * Reactive properties: `true` for a string attribute of the same name, the attribute's name when
 * it differs (`counts-url`), `false` for internal state without an attribute.
 */
export type PropertyDeclarations = Record<string, string | boolean>;

/**
 * The small part of LitElement that share-bar needs, on top of Lit's own templating (lit-html):
 * attributes and properties that re-render when they change, batched into one update per
 * microtask, `updateComplete`, and styles adopted into the shadow root.
 *
 * Why not LitElement itself: its reactive layer costs 2.8 KB gzip, a fifth of the whole bundle's
 * budget, for features a share bar does not use (controllers, converters, reflection).
 */
export abstract class ElementBase extends HTMLElement {
  /** The reactive properties and their attributes. */
  static properties: PropertyDeclarations = {};

  /** CSS text adopted into every instance's shadow root. */
  static styles = '';

  static get observedAttributes(): string[] {
    // Creating the accessors here runs once per class, before the first instance is upgraded.
    const attributes: string[] = [];
    for (const [name, attribute] of Object.entries(this.properties)) {
      // configurable: a subclass defined under another tag runs this again for its own prototype
      Object.defineProperty(this.prototype, name, {
        configurable: true,
        get(this: ElementBase) {
          return this._values[name];
        },
        set(this: ElementBase, value: unknown) {
          if (value === this._values[name]) return;
          this._values[name] = value;
          this.requestUpdate();
        },
      });
      if (attribute) attributes.push(attribute === true ? name : attribute);
    }
    return attributes;
  }

  private _values: Record<string, unknown> = {};
  private _pending = false;

  /** Whether the element has rendered at least once. */
  hasUpdated = false;

  /** Resolves once the pending update has rendered. */
  updateComplete: Promise<boolean> = Promise.resolve(true);

  constructor() {
    super();
    const constructor = this.constructor as typeof ElementBase;
    // Properties a framework set before the element was defined shadow our accessors: move them.
    for (const name of Object.keys(constructor.properties)) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = (this as Record<string, unknown>)[name];
        Reflect.deleteProperty(this, name);
        (this as Record<string, unknown>)[name] = value;
      }
    }
    // A constructed sheet, unlike a <style> element, is allowed by a strict CSP.
    let sheet = sheets.get(constructor);
    if (!sheet) {
      sheets.set(constructor, (sheet = new CSSStyleSheet()));
      sheet.replaceSync(constructor.styles);
    }
    this.attachShadow({ mode: 'open' }).adoptedStyleSheets = [sheet];
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const properties = Object.entries((this.constructor as typeof ElementBase).properties);
    const [name] = properties.find(([name, a]) => (a === true ? name : a) == attribute)!;
    (this as Record<string, unknown>)[name] = value ?? undefined;
  }

  connectedCallback(): void {
    this.requestUpdate();
  }

  disconnectedCallback(): void {}

  /** Schedules a render for the next microtask (one per burst of changes). */
  requestUpdate(): void {
    if (this._pending) return;
    this._pending = true;
    this.updateComplete = Promise.resolve().then(() => {
      this._pending = false;
      if (!this.isConnected) return false;
      render(this.render(), this.shadowRoot!, { host: this });
      this.hasUpdated = true;
      this.updated();
      return true;
    });
  }

  /** The shadow root's content. */
  protected abstract render(): TemplateResult | typeof nothing;

  /** Runs after each render. */
  protected updated(): void {}
}
