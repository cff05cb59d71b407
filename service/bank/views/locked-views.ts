/**
 * The lockout screen, at the one-time password step of login or of stop once the token service
 * answers `locked`. It offers no code field (nothing typed there could be accepted) and says
 * what the customer can do: call the bank, who unlocks the token after checking identity.
 */
import { html, type SafeHtml } from '../html.js';
import { breadcrumb, errorBox, goButton, page, type ViewContext } from './layout.js';
import { STEPS_LABEL } from './procedure-views.js';

export type LockedProcedure = 'login' | 'stop';

export function lockedPage(ctx: ViewContext, procedure: LockedProcedure): SafeHtml {
  const { m } = ctx;
  const heading = procedure === 'login' ? m.loginTitle : m.stopTitle;
  return page(ctx, {
    title: m.lockedPageTitle,
    path: procedure === 'login' ? '/login/otp' : '/stop/otp',
    body: html`<h1>${heading}</h1>
${procedure === 'stop' ? breadcrumb(m.stopSteps, 1, STEPS_LABEL[ctx.lang]) : ''}
${errorBox(m.lockedMessage)}
<section class="box">
<h2>${m.lockedSection}</h2>
<p>${m.lockedWhatToDo}</p>
<dl class="contact">
<dt>${m.helpDeskLabel}</dt><dd>${m.helpDeskName}</dd>
<dt>${m.phoneLabel}</dt><dd>${m.helpDeskPhone}</dd>
<dt>${m.hoursLabel}</dt><dd>${m.helpDeskHours}</dd>
</dl>
<p class="note">${m.helpDeskDemoNote}</p>
<p>${m.lockedAfterUnlock}</p>
<div class="actions">${goButton('/login', m.backToLoginButton, false)}</div>
</section>`,
  });
}
