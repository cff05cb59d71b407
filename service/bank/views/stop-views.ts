/** ワンタイムパスワード利用停止: 利用者認証 >> ワンタイムパスワード入力 >> 処理結果. */
import { html, type SafeHtml } from '../html.js';
import { breadcrumb, csrfInput, errorBox, field, goButton, page, type ViewContext } from './layout.js';
import type { OtpStepOptions } from './login-views.js';
import { procedureAuthPage, procedureResultPage, STEPS_LABEL, type Procedure } from './procedure-views.js';

function stopProcedure(ctx: ViewContext): Procedure {
  const { m } = ctx;
  return {
    title: m.stopTitle,
    steps: m.stopSteps,
    authPath: '/stop',
    authInstruction: m.stopAuthInstruction,
    authSection: m.stopAuthSection,
    resultPath: '/stop/result',
    doneSection: m.stopDoneSection,
    done: m.stopDone,
  };
}

export function stopAuthPage(ctx: ViewContext, opts: { contractId?: string; error?: string | null } = {}): SafeHtml {
  return procedureAuthPage(ctx, stopProcedure(ctx), opts);
}

export function stopOtpPage(ctx: ViewContext, opts: OtpStepOptions = {}): SafeHtml {
  const { m } = ctx;
  return page(ctx, {
    title: m.stopTitle,
    path: '/stop/otp',
    body: html`<h1>${m.stopTitle}</h1>
${breadcrumb(m.stopSteps, 1, STEPS_LABEL[ctx.lang])}
<p>${m.stopOtpInstruction}</p>
${errorBox(opts.error ?? null)}
<section class="box">
<h2>${m.stopOtpSection}</h2>
<form method="post" action="/stop/otp" novalidate>
${csrfInput(ctx)}
${field({ id: 'code', label: m.oneTimePassword, autocomplete: 'one-time-code', inputmode: 'numeric', hint: m.codeHint, invalid: opts.codeInvalid === true })}
<div class="actions"><button type="submit">${m.stopButton}</button></div>
</form>
<div class="actions">${goButton('/login', m.backToLoginButton)}</div>
</section>`,
  });
}

export function stopResultPage(ctx: ViewContext, error: string | null = null): SafeHtml {
  return procedureResultPage(ctx, stopProcedure(ctx), error);
}
