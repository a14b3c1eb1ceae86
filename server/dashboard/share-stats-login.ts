import { css, html, LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { logIn } from './stats-api.js';
import { formStyles } from './styles.js';

/**
 * Asks for the admin token once. The service answers with an HttpOnly session cookie; the token
 * itself is neither kept nor readable by the page afterwards.
 *
 * @fires share-stats-login - the session started.
 */
export class ShareStatsLogin extends LitElement {
  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
        max-width: 28rem;
      }
      form {
        display: grid;
        gap: 0.5rem;
      }
      .error {
        color: var(--error);
        margin: 0;
      }
    `,
  ];

  @state() private error = '';
  @state() private busy = false;

  protected override render() {
    return html`
      <form @submit=${this.#submit}>
        <label for="token">Admin token</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="current-password"
          required
          spellcheck="false"
          aria-describedby="help ${this.error ? 'error' : ''}"
        />
        <p id="help" class="help">
          The token the service was started with (<code>--admin-token</code> or <code>SHARE_BAR_ADMIN_TOKEN</code>).
          This browser stays signed in for 30 days.
        </p>
        ${this.error ? html`<p id="error" class="error" role="alert">${this.error}</p>` : ''}
        <div><button type="submit" ?disabled=${this.busy}>Show the statistics</button></div>
      </form>
    `;
  }

  override focus(): void {
    this.renderRoot.querySelector('input')?.focus();
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input')!;
    this.busy = true;
    try {
      const error = await logIn(input.value);
      this.error = error ?? '';
      if (error === undefined) {
        input.value = '';
        this.dispatchEvent(new Event('share-stats-login', { bubbles: true, composed: true }));
      } else {
        input.select();
      }
    } catch {
      this.error = 'The service could not be reached.';
    } finally {
      this.busy = false;
    }
  }
}
