/** ワンタイムパスワード利用登録: 利用者認証 >> ワンタイムパスワード登録情報入力 >> 処理結果. */
import { html, type SafeHtml } from '../html.js';
import { breadcrumb, csrfInput, errorBox, field, goButton, page, type ViewContext } from './layout.js';
import { procedureAuthPage, procedureResultPage, STEPS_LABEL, type Procedure } from './procedure-views.js';

function registerProcedure(ctx: ViewContext): Procedure {
  const { m } = ctx;
  return {
    title: m.registerTitle,
    steps: m.registerSteps,
    authPath: '/register',
    authInstruction: m.registerAuthInstruction,
    authSection: m.registerAuthSection,
    resultPath: '/register/result',
    doneSection: m.registerDoneSection,
    done: m.registerDone,
  };
}

export function registerAuthPage(ctx: ViewContext, opts: { contractId?: string; error?: string | null } = {}): SafeHtml {
  return procedureAuthPage(ctx, registerProcedure(ctx), opts);
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

export function registerResultPage(ctx: ViewContext, error: string | null = null): SafeHtml {
  return procedureResultPage(ctx, registerProcedure(ctx), error);
}
