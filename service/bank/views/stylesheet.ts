/**
 * The bank's one stylesheet, served at /bank.css. Kept in a module rather than a .css file so
 * the compiled bank (dist/) carries it without a copy step. Plain and legible, after the
 * guide's screens: a title bar, boxed forms, grey-headed labels, clear buttons.
 */
export const BANK_CSS = `
:root { color-scheme: light; --accent: #0b5a8a; --accent-dark: #083f61; --line: #b9c6d0; --bg: #f3f6f8; --error: #b00020; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Yu Gothic", Meiryo, sans-serif; font-size: 16px; line-height: 1.7; color: #1d2a33; background: var(--bg); }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; }
.bank-header { background: var(--accent); color: #fff; }
.bank-bar { display: flex; justify-content: space-between; align-items: center; gap: 12px; padding: 10px 20px; }
.bank-name { font-weight: bold; letter-spacing: 0.05em; }
.lang-switch a { display: inline-block; padding: 2px 8px; color: #fff; }
.lang-switch a:focus-visible { outline: 3px solid #f0b400; outline-offset: 1px; }
.demo-notice { margin: 0; padding: 4px 20px; background: #fff4d6; color: #5c4400; font-size: 13px; }
.panel { max-width: 760px; margin: 24px auto; padding: 24px 28px; background: #fff; border: 1px solid var(--line); border-radius: 4px; }
h1 { margin: 0 0 12px; padding-bottom: 8px; font-size: 22px; border-bottom: 3px solid var(--accent); }
h2 { margin: 0; padding: 6px 12px; font-size: 17px; background: #e3edf4; border-bottom: 1px solid var(--line); }
.lead { font-weight: bold; }
.box { margin: 16px 0; border: 1px solid var(--line); }
.box form, .box > p, .box > .actions, .box > table, .box > dl { margin: 12px; }
.field { display: grid; grid-template-columns: 14em 1fr; gap: 4px 12px; align-items: center; padding: 8px 0; border-bottom: 1px dotted var(--line); }
.field label { font-weight: bold; }
.field input { font: inherit; padding: 6px 8px; border: 1px solid #7f93a3; border-radius: 3px; max-width: 22em; }
.field input:focus { outline: 3px solid #f0b400; outline-offset: 1px; }
.field input[aria-invalid="true"] { border-color: var(--error); }
.field .hint { grid-column: 2; margin: 0; font-size: 13px; color: #4a5a66; }
.actions { display: flex; gap: 12px; margin-top: 12px; }
form.inline { display: inline; margin: 0; }
button { font: inherit; font-weight: bold; min-width: 8em; padding: 8px 20px; color: #fff; background: var(--accent); border: 1px solid var(--accent-dark); border-radius: 4px; cursor: pointer; }
button:hover { background: var(--accent-dark); }
button:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
button.secondary { color: var(--accent-dark); background: #fff; }
.steps ol { display: flex; flex-wrap: wrap; list-style: none; margin: 8px 0 16px; padding: 0; font-size: 14px; color: #4a5a66; }
.steps li.current { font-weight: bold; color: var(--accent-dark); text-decoration: underline; }
.steps li.sep { white-space: pre; }
.error { margin: 12px 0; padding: 8px 14px; border: 2px solid var(--error); background: #fdecee; color: var(--error); font-weight: bold; }
.error p, .notice p { margin: 0; }
.notice { margin: 12px 0; padding: 8px 14px; border: 1px solid var(--accent); background: #eaf3f9; }
.result { font-size: 18px; font-weight: bold; }
.notes { list-style: none; padding: 0; font-size: 14px; }
.links { display: flex; flex-wrap: wrap; gap: 8px 24px; list-style: none; padding: 0; }
.links a { color: var(--accent-dark); }
table.accounts { border-collapse: collapse; width: calc(100% - 24px); }
table.accounts th, table.accounts td { border: 1px solid var(--line); padding: 6px 10px; text-align: left; }
table.accounts th { background: #f0f4f7; }
table.accounts .num { text-align: right; }
dl.contact { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; padding: 10px 14px; background: var(--bg); border: 1px solid var(--line); }
dl.contact dt { font-weight: bold; }
dl.contact dd { margin: 0; }
.note { font-size: 13px; color: #4a5a66; }
dl.status { display: flex; gap: 12px; }
dl.status dt { font-weight: bold; }
dl.status dd { margin: 0; }
@media (max-width: 560px) { .field, dl.contact { grid-template-columns: 1fr; } .field .hint { grid-column: 1; } .panel { margin: 0; border: 0; } }
`;
