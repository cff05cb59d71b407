/** ワンタイムパスワード利用登録: 利用者認証 >> ワンタイムパスワード登録情報入力 >> 処理結果. */
import { html, type SafeHtml } from '../html.js';
import { breadcrumb, csrfInput, errorBox, field, goButton, page, type ViewContext } from './layout.js';

const STEPS_LABEL = { ja: 'お手続きの流れ', en: 'Steps' } as const;

export function registerAuthPage(ctx: ViewContext, opts: { contractId?: string; error?: string | null } = {}): SafeHtml {
  const { m } = ctx;
  return page(ctx, {
    title: m.registerTitle,
    path: '/register',
    body: html`<h1>${m.registerTitle}</h1>
${breadcrumb(m.registerSteps, 0, STEPS_LABEL[ctx.lang])}
<p>${m.registerAuthInstruction}</p>
${errorBox(opts.error ?? null)}
<section class="box">
<h2>${m.registerAuthSection}</h2>
<form method="post" action="/register" novalidate>
${csrfInput(ctx)}
${field({ id: 'contractId', label: m.contractId, value: opts.contractId ?? '', autocomplete: 'username', inputmode: 'numeric' })}
${field({ id: 'password', label: m.password, type: 'password', autocomplete: 'current-password' })}
<div class="actions"><button type="submit">${m.nextButton}</button></div>
</form>
<div class="actions">${goButton('/login', m.backButton)}</div>
</section>`,
  });
}

export interface RegisterTokenOptions {
  readonly tokenId?: string;
  readonly error?: string | null;
  readonly tokenIdInvalid?: boolean;
  readonly codeInvalid?: boolean;
}

export function registerTokenPage(ctx: ViewContext, opts: RegisterTokenOptions = {}): SafeHtml {
  const { m } = ctx;
  return page(ctx, {
    title: m.registerTitle,
    path: '/register/token',
    body: html`<h1>${m.registerTitle}</h1>
${breadcrumb(m.registerSteps, 1, STEPS_LABEL[ctx.lang])}
<p>${m.registerTokenInstruction}</p>
${errorBox(opts.error ?? null)}
<section class="box">
<h2>${m.registerTokenSection}</h2>
<form method="post" action="/register/token" novalidate>
${csrfInput(ctx)}
${field({ id: 'tokenId', label: m.tokenId, value: opts.tokenId ?? '', autocomplete: 'off', hint: m.tokenIdHint, invalid: opts.tokenIdInvalid === true })}
${field({ id: 'code', label: m.oneTimePassword, autocomplete: 'one-time-code', inputmode: 'numeric', hint: m.codeHint, invalid: opts.codeInvalid === true })}
<div class="actions"><button type="submit">${m.registerButton}</button></div>
</form>
<div class="actions">${goButton('/login', m.backToLoginButton)}</div>
</section>`,
  });
}

export function registerResultPage(ctx: ViewContext): SafeHtml {
  const { m } = ctx;
  return page(ctx, {
    title: m.registerTitle,
    path: '/register/result',
    body: html`<h1>${m.registerTitle}</h1>
${breadcrumb(m.registerSteps, 2, STEPS_LABEL[ctx.lang])}
<p>${m.resultInstruction}</p>
<section class="box">
<h2>${m.registerDoneSection}</h2>
<p class="result" role="status">${m.registerDone}</p>
<div class="actions">${goButton('/login', m.backToLoginButton, false)}</div>
</section>`,
  });
}
