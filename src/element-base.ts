import { render, type TemplateResult, type nothing } from 'lit/html.js';

/** A reactive property: its attribute (string-valued), or `false` for internal state. */
export type PropertyDeclarations = Record<string, string | false>;

/**
 * The small part of LitElement that share-bar needs, on top of Lit's own templating (lit-html):
 * attributes and properties that re-render when they change, batched into one update per
 * microtask, `updateComplete`, and styles adopted into the shadow root.
 *
 * Why not LitElement itself: its reactive layer costs 2.8 KB gzip, a fifth of the whole bundle's
 * budget, for features a share bar does not use (controllers, converters, reflection).
 */
export abstract class ElementBase extends HTMLElement {
  /** Property name → attribute name (`false` for state without an attribute). */
  static properties: PropertyDeclarations = {};

  /** CSS text adopted into every instance's shadow root. */
  static styles = '';

  private static sheet?: CSSStyleSheet;

  static get observedAttributes(): string[] {
    // Creating the accessors here runs once per class, before the first instance is upgraded.
    const attributes: string[] = [];
    for (const [name, attribute] of Object.entries(this.properties)) {
      Object.defineProperty(this.prototype, name, {
        get(this: ElementBase) {
          return this.values[name];
        },
        set(this: ElementBase, value: unknown) {
          if (value === this.values[name]) return;
          this.values[name] = value;
          this.requestUpdate();
        },
      });
      if (attribute) attributes.push(attribute);
    }
    return attributes;
  }

  private values: Record<string, unknown> = {};
  private pending = false;

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
    // One constructed sheet shared by all instances; unlike a <style> element, a strict CSP allows it.
    if (!Object.prototype.hasOwnProperty.call(constructor, 'sheet')) {
      constructor.sheet = new CSSStyleSheet();
      constructor.sheet.replaceSync(constructor.styles);
    }
    this.attachShadow({ mode: 'open' }).adoptedStyleSheets = [constructor.sheet!];
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const properties = Object.entries((this.constructor as typeof ElementBase).properties);
    (this as Record<string, unknown>)[properties.find(([, a]) => a == attribute)![0]] = value ?? undefined;
  }

  connectedCallback(): void {
    this.requestUpdate();
  }

  disconnectedCallback(): void {}

  /** Schedules a render for the next microtask (one per burst of changes). */
  requestUpdate(): void {
    if (this.pending) return;
    this.pending = true;
    this.updateComplete = Promise.resolve().then(() => {
      this.pending = false;
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
