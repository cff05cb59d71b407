/** Pages that only say something: every error, and ワンタイムパスワードのご案内. */
import { html, type SafeHtml } from '../html.js';
import { goButton, page, type ViewContext } from './layout.js';

export interface ErrorPageOptions {
  readonly message: string;
  /** Where the customer can go from here; the login screen unless a retry makes more sense. */
  readonly back?: { readonly path: string; readonly label: string };
}

export function errorPage(ctx: ViewContext, opts: ErrorPageOptions): SafeHtml {
  const { m } = ctx;
  const back = opts.back ?? { path: '/login', label: m.backToLoginButton };
  return page(ctx, {
    title: m.errorTitle,
    path: '/login',
    body: html`<h1>${m.errorTitle}</h1>
<div class="error" role="alert"><p>${opts.message}</p></div>
<div class="actions">${goButton(back.path, back.label, false)}</div>`,
  });
}

export function guidePage(ctx: ViewContext): SafeHtml {
  const { m } = ctx;
  return page(ctx, {
    title: m.guideTitle,
    path: '/guide',
    body: html`<h1>${m.guideTitle}</h1>
${m.guideParagraphs.map((p) => html`<p>${p}</p>`)}
<ul class="links"><li><a href="/register">${m.registerLink}</a></li><li><a href="/stop">${m.stopLink}</a></li></ul>
<div class="actions">${goButton('/login', m.backToLoginButton, false)}</div>`,
  });
}
