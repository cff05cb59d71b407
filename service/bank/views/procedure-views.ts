/**
 * The two screens every OTP procedure (利用登録, 利用停止) shares with the seed's layout:
 * 利用者認証 (first step) and 処理結果 (last step). Only the words and the form's address differ.
 */
import { html, type SafeHtml } from '../html.js';
import { breadcrumb, csrfInput, errorBox, field, goButton, page, type ViewContext } from './layout.js';

export const STEPS_LABEL = { ja: 'お手続きの流れ', en: 'Steps' } as const;

/** Wording and addresses of one procedure. */
export interface Procedure {
  readonly title: string;
  readonly steps: readonly string[];
  /** Where the 利用者認証 form posts; its page is served at the same path. */
  readonly authPath: string;
  readonly authInstruction: string;
  readonly authSection: string;
  readonly resultPath: string;
  readonly doneSection: string;
  readonly done: string;
}

export function procedureAuthPage(ctx: ViewContext, p: Procedure, opts: { contractId?: string; error?: string | null } = {}): SafeHtml {
  const { m } = ctx;
  return page(ctx, {
    title: p.title,
    path: p.authPath,
    body: html`<h1>${p.title}</h1>
${breadcrumb(p.steps, 0, STEPS_LABEL[ctx.lang])}
<p>${p.authInstruction}</p>
${errorBox(opts.error ?? null)}
<section class="box">
<h2>${p.authSection}</h2>
<form method="post" action="${p.authPath}" novalidate>
${csrfInput(ctx)}
${field({ id: 'contractId', label: m.contractId, value: opts.contractId ?? '', autocomplete: 'username', inputmode: 'numeric' })}
${field({ id: 'password', label: m.password, type: 'password', autocomplete: 'current-password' })}
<div class="actions"><button type="submit">${m.nextButton}</button></div>
</form>
<div class="actions">${goButton('/login', m.backButton)}</div>
</section>`,
  });
}

/** `error`: a repeated post of the finished procedure, refused; the result still stands. */
export function procedureResultPage(ctx: ViewContext, p: Procedure, error: string | null = null): SafeHtml {
  const { m } = ctx;
  return page(ctx, {
    title: p.title,
    path: p.resultPath,
    body: html`<h1>${p.title}</h1>
${breadcrumb(p.steps, p.steps.length - 1, STEPS_LABEL[ctx.lang])}
<p>${m.resultInstruction}</p>
${errorBox(error)}
<section class="box">
<h2>${p.doneSection}</h2>
<p class="result" role="status">${p.done}</p>
<div class="actions">${goButton('/login', m.backToLoginButton, false)}</div>
</section>`,
  });
}
