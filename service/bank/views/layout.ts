/**
 * The page frame and the small pieces every screen shares. Labels are tied to inputs with
 * `<label for>` and buttons carry the seed's exact words, so a person with a screen reader and
 * a Playwright test (getByLabel / getByRole) find the same things.
 */
import { CSRF_FIELD } from '../csrf.js';
import { html, type HtmlValue, type SafeHtml } from '../html.js';
import type { Lang, Messages } from '../messages.js';

export interface ViewContext {
  readonly m: Messages;
  readonly lang: Lang;
  readonly csrf: string;
}

export interface PageOptions {
  readonly title: string;
  /** The GET path of this screen, for the language switch. */
  readonly path: string;
  readonly body: HtmlValue;
}

/** Every screen's frame. The demo notice is part of the banner, so a reader moving by landmarks meets it too. */
export function page(ctx: ViewContext, opts: PageOptions): SafeHtml {
  const { m } = ctx;
  return html`<!doctype html>
<html lang="${m.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${m.pageTitle(opts.title)}</title>
<link rel="stylesheet" href="/bank.css">
</head>
<body>
<a class="skip" href="#main">${m.skipToContent}</a>
<header class="bank-header">
<div class="bank-bar">
<div class="bank-name">${m.bankName}</div>
<nav class="lang-switch" aria-label="${m.languageNav}"><a href="${opts.path}?lang=${m.otherLanguage.lang}" lang="${m.otherLanguage.lang}" hreflang="${m.otherLanguage.lang}">${m.otherLanguage.label}</a></nav>
</div>
<p class="demo-notice">${m.demoNotice}</p>
</header>
<main id="main" class="panel">
${opts.body}
</main>
</body>
</html>
`;
}

export function csrfInput(ctx: ViewContext): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${ctx.csrf}">`;
}

/** The procedure's steps, `>>`-separated as in the guide, with the current one marked. */
export function breadcrumb(steps: readonly string[], current: number, label: string): SafeHtml {
  const items = steps.map(
    (step, i) =>
      html`${i > 0 ? html`<li class="sep" aria-hidden="true"> &gt;&gt; </li>` : ''}<li${i === current ? html` class="current" aria-current="step"` : ''}>${step}</li>`,
  );
  return html`<nav class="steps" aria-label="${label}"><ol>${items}</ol></nav>`;
}

/** An error the customer must read before retrying; role=alert so it is announced. */
export function errorBox(message: string | null): SafeHtml {
  return message === null ? html`` : html`<div class="error" role="alert"><p>${message}</p></div>`;
}

export function noticeBox(message: string | null): SafeHtml {
  return message === null ? html`` : html`<div class="notice" role="status"><p>${message}</p></div>`;
}

export interface FieldOptions {
  readonly id: string;
  readonly label: string;
  readonly type?: 'text' | 'password';
  readonly value?: string;
  readonly autocomplete: string;
  readonly inputmode?: 'numeric' | 'text';
  readonly hint?: string;
  readonly invalid?: boolean;
}

export function field(f: FieldOptions): SafeHtml {
  const hintId = `${f.id}-hint`;
  return html`<div class="field">
<label for="${f.id}">${f.label}</label>
<input id="${f.id}" name="${f.id}" type="${f.type ?? 'text'}" value="${f.value ?? ''}" autocomplete="${f.autocomplete}"${f.inputmode === undefined ? '' : html` inputmode="${f.inputmode}"`} spellcheck="false" autocapitalize="off"${f.hint === undefined ? '' : html` aria-describedby="${hintId}"`}${f.invalid === true ? html` aria-invalid="true"` : ''}>
${f.hint === undefined ? '' : html`<p class="hint" id="${hintId}">${f.hint}</p>`}
</div>`;
}

/**
 * A button that goes somewhere without changing anything: a GET form, so it is a real button
 * (as the guide's <input type="button">) and needs no script.
 */
export function goButton(action: string, label: string, secondary = true): SafeHtml {
  return html`<form method="get" action="${action}" class="inline"><button type="submit"${secondary ? html` class="secondary"` : ''}>${label}</button></form>`;
}
