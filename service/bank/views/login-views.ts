/** ログイン: contract ID and password, then (for customers with a token) the one-time password. */
import { html, type SafeHtml } from '../html.js';
import { csrfInput, errorBox, field, goButton, noticeBox, page, type ViewContext } from './layout.js';

export interface LoginViewOptions {
  readonly contractId?: string;
  readonly error?: string | null;
  readonly notice?: string | null;
}

export function loginPage(ctx: ViewContext, opts: LoginViewOptions = {}): SafeHtml {
  const { m } = ctx;
  return page(ctx, {
    title: m.loginTitle,
    path: '/login',
    body: html`<h1>${m.loginTitle}</h1>
<p class="lead">${m.loginLead}</p>
${noticeBox(opts.notice ?? null)}
<p>■ ${m.loginInstruction}</p>
${errorBox(opts.error ?? null)}
<section class="box">
<h2>${m.loginTitle}</h2>
<form method="post" action="/login" novalidate>
${csrfInput(ctx)}
${field({ id: 'contractId', label: m.contractIdLong, value: opts.contractId ?? '', autocomplete: 'username', inputmode: 'numeric' })}
${field({ id: 'password', label: m.password, type: 'password', autocomplete: 'current-password' })}
<div class="actions"><button type="submit">${m.loginButton}</button></div>
</form>
</section>
<ul class="notes">${m.loginNotes.map((note) => html`<li>■ ${note}</li>`)}</ul>
<ul class="links">
<li><a href="/guide">${m.otpGuideLink}</a></li>
<li><a href="/register">${m.registerLink}</a></li>
<li><a href="/stop">${m.stopLink}</a></li>
</ul>`,
  });
}

export interface OtpStepOptions {
  readonly error?: string | null;
  /** The reason is about the code typed (not, say, an expired form): mark the field. */
  readonly codeInvalid?: boolean;
}

export function loginOtpPage(ctx: ViewContext, opts: OtpStepOptions = {}): SafeHtml {
  const { m } = ctx;
  return page(ctx, {
    title: m.loginOtpSection,
    path: '/login/otp',
    body: html`<h1>${m.loginTitle}</h1>
<p>■ ${m.loginOtpInstruction}</p>
${errorBox(opts.error ?? null)}
<section class="box">
<h2>${m.loginOtpSection}</h2>
<form method="post" action="/login/otp" novalidate>
${csrfInput(ctx)}
${field({ id: 'code', label: m.oneTimePassword, autocomplete: 'one-time-code', inputmode: 'numeric', hint: m.codeHint, invalid: opts.codeInvalid === true })}
<div class="actions"><button type="submit">${m.loginButton}</button></div>
</form>
<div class="actions">${goButton('/login', m.backButton)}</div>
</section>`,
  });
}
