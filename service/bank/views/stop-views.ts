/** ワンタイムパスワード利用停止: 利用者認証 >> ワンタイムパスワード入力 >> 処理結果. */
import { html, type SafeHtml } from '../html.js';
import { breadcrumb, csrfInput, errorBox, field, goButton, page, type ViewContext } from './layout.js';

const STEPS_LABEL = { ja: 'お手続きの流れ', en: 'Steps' } as const;

export function stopAuthPage(ctx: ViewContext, opts: { contractId?: string; error?: string | null } = {}): SafeHtml {
  const { m } = ctx;
  return page(ctx, {
    title: m.stopTitle,
    path: '/stop',
    body: html`<h1>${m.stopTitle}</h1>
${breadcrumb(m.stopSteps, 0, STEPS_LABEL[ctx.lang])}
<p>${m.stopAuthInstruction}</p>
${errorBox(opts.error ?? null)}
<section class="box">
<h2>${m.stopAuthSection}</h2>
<form method="post" action="/stop" novalidate>
${csrfInput(ctx)}
${field({ id: 'contractId', label: m.contractId, value: opts.contractId ?? '', autocomplete: 'username', inputmode: 'numeric' })}
${field({ id: 'password', label: m.password, type: 'password', autocomplete: 'current-password' })}
<div class="actions"><button type="submit">${m.nextButton}</button></div>
</form>
<div class="actions">${goButton('/login', m.backButton)}</div>
</section>`,
  });
}

export function stopOtpPage(ctx: ViewContext, error: string | null = null): SafeHtml {
  const { m } = ctx;
  return page(ctx, {
    title: m.stopTitle,
    path: '/stop/otp',
    body: html`<h1>${m.stopTitle}</h1>
${breadcrumb(m.stopSteps, 1, STEPS_LABEL[ctx.lang])}
<p>${m.stopOtpInstruction}</p>
${errorBox(error)}
<section class="box">
<h2>${m.stopOtpSection}</h2>
<form method="post" action="/stop/otp" novalidate>
${csrfInput(ctx)}
${field({ id: 'code', label: m.oneTimePassword, autocomplete: 'one-time-code', inputmode: 'numeric', hint: m.codeHint, invalid: error !== null })}
<div class="actions"><button type="submit">${m.stopButton}</button></div>
</form>
<div class="actions">${goButton('/login', m.backToLoginButton)}</div>
</section>`,
  });
}

export function stopResultPage(ctx: ViewContext): SafeHtml {
  const { m } = ctx;
  return page(ctx, {
    title: m.stopTitle,
    path: '/stop/result',
    body: html`<h1>${m.stopTitle}</h1>
${breadcrumb(m.stopSteps, 2, STEPS_LABEL[ctx.lang])}
<p>${m.resultInstruction}</p>
<section class="box">
<h2>${m.stopDoneSection}</h2>
<p class="result" role="status">${m.stopDone}</p>
<div class="actions">${goButton('/login', m.backToLoginButton, false)}</div>
</section>`,
  });
}
