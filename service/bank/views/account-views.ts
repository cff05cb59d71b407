/** The signed-in customer's account summary and ログアウト. */
import type { Account } from '../accounts-store.js';
import { html, type SafeHtml } from '../html.js';
import { csrfInput, errorBox, page, type ViewContext } from './layout.js';

/** `error`: a refused post from this page (a stale ログアウト form). */
export function accountPage(ctx: ViewContext, account: Account, error: string | null = null): SafeHtml {
  const { m } = ctx;
  return page(ctx, {
    title: m.accountTitle,
    path: '/account',
    body: html`<h1>${m.accountTitle}</h1>
<p class="lead">${m.welcome(account.name)}</p>
${errorBox(error)}
<section class="box">
<h2>${m.accountCaption}</h2>
<table class="accounts">
<thead><tr><th scope="col">${m.branch}</th><th scope="col">${m.accountType}</th><th scope="col">${m.accountNumber}</th><th scope="col" class="num">${m.balance}</th></tr></thead>
<tbody><tr><td>${account.branch}</td><td>${m.ordinaryDeposit}</td><td>${account.accountNumber}</td><td class="num" data-testid="balance">${m.yen(account.balance)}</td></tr></tbody>
</table>
<dl class="status"><dt>${m.otpStatus}</dt><dd>${account.hasToken ? m.otpInUse : m.otpNotRegistered}</dd></dl>
</section>
<form method="post" action="/logout" class="inline">
${csrfInput(ctx)}
<button type="submit" class="secondary">${m.logoutButton}</button>
</form>`,
  });
}
