import { LitElement, css, html, nothing } from 'lit';

interface PlanSummary {
  id: string;
  title: string;
  updatedAt: string;
}

/**
 * Home: the plans on this server and a form to create one. Creating a plan opens it.
 * @fires navigate - detail is the path to open
 */
export class RtHome extends LitElement {
  static override properties = {
    plans: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  declare plans: PlanSummary[] | null;
  declare error: string;
  declare busy: boolean;

  static override styles = css`
    :host { display: block; max-width: 48rem; margin: 0 auto; padding: 1.5rem 1rem; }
    h1 { font-size: 1.6rem; margin: 0 0 0.25rem; }
    p.lead { margin: 0 0 1.5rem; color: #4a5466; }
    form { display: flex; gap: 0.5rem; flex-wrap: wrap; margin-bottom: 1.5rem; }
    input { flex: 1 1 16rem; font: inherit; padding: 0.55rem 0.7rem; border: 1px solid #9aa3b2; border-radius: 6px; }
    button { font: inherit; padding: 0.55rem 1rem; border-radius: 6px; border: 0; background: #1f5fbf; color: #fff; cursor: pointer; }
    button:disabled { opacity: 0.6; cursor: wait; }
    :focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
    ul { list-style: none; padding: 0; margin: 0; }
    li a { display: flex; justify-content: space-between; gap: 1rem; padding: 0.75rem 0.9rem; margin-bottom: 0.5rem; background: #fff; border: 1px solid #dde1e8; border-radius: 8px; color: inherit; text-decoration: none; }
    li a:hover { border-color: #1f5fbf; }
    time { color: #5d6677; font-size: 0.9rem; white-space: nowrap; }
    .error { color: #a4161a; }
    .empty { color: #4a5466; background: #fff; border: 1px dashed #b8bfcc; padding: 1rem; border-radius: 8px; }
  `;

  constructor() {
    super();
    this.plans = null;
    this.error = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const res = await fetch('/api/plans');
      if (!res.ok) throw new Error(await errorMessage(res));
      this.plans = ((await res.json()) as { plans: PlanSummary[] }).plans;
    } catch (err) {
      this.error = `Could not load the plans: ${(err as Error).message}`;
      this.plans = [];
    }
  }

  private async create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#title')!;
    const title = input.value.trim();
    if (!title) {
      this.error = 'Give the plan a title first.';
      input.focus();
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const res = await fetch('/api/plans', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title }),
      });
      if (!res.ok) throw new Error(await errorMessage(res));
      const plan = (await res.json()) as { url: string };
      this.dispatchEvent(new CustomEvent('navigate', { detail: plan.url, bubbles: true, composed: true }));
    } catch (err) {
      this.error = `Could not create the plan: ${(err as Error).message}`;
    } finally {
      this.busy = false;
    }
  }

  private open(e: MouseEvent, url: string): void {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    this.dispatchEvent(new CustomEvent('navigate', { detail: url, bubbles: true, composed: true }));
  }

  override render() {
    return html`
      <h1>Roundtable</h1>
      <p class="lead">Write the national plan of action on migration and development together, live.</p>
      <form @submit=${this.create} aria-label="Create a plan">
        <input id="title" name="title" maxlength="200" placeholder="Title of a new plan, e.g. National POA on M&D 2027-2031" aria-label="Plan title" />
        <button type="submit" ?disabled=${this.busy}>Create plan</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <h2>Plans</h2>
      ${this.plans === null
        ? html`<p aria-busy="true">Loading…</p>`
        : this.plans.length === 0
          ? html`<p class="empty">No plans yet. Create the first one above.</p>`
          : html`<ul>
              ${this.plans.map(
                (p) => html`<li>
                  <a href="/plans/${p.id}" @click=${(e: MouseEvent) => this.open(e, `/plans/${p.id}`)}>
                    <span>${p.title}</span>
                    <time datetime=${p.updatedAt}>${new Date(p.updatedAt).toLocaleString()}</time>
                  </a>
                </li>`,
              )}
            </ul>`}
    `;
  }
}
customElements.define('rt-home', RtHome);

/** The server's error message from a JSON error body, or the status text. */
export async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    return body.error?.message ?? `${res.status} ${res.statusText}`;
  } catch {
    return `${res.status} ${res.statusText}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rt-home': RtHome;
  }
}
