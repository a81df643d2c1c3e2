import { createHash } from 'node:crypto';

// The pages' only style sheet, inline (no asset to serve, no third party) and allowed by its
// hash in the Content-Security-Policy, so that no other style or script can run. System fonts,
// one column that fits a 375 px phone, visible focus for keyboard users.

export const PAGE_CSS = `
:root{--ink:#1b2430;--muted:#566173;--line:#d7dce3;--bg:#f5f7fa;--card:#fff;--accent:#1d4ed8;--alert:#b42318;--alert-bg:#fef3f2;--ok:#067647;--ok-bg:#ecfdf3;--warn-bg:#fffaeb;--warn:#93370d}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem}
.skip:focus{left:1rem;z-index:1}
header.top{background:#0f172a;color:#fff}
header.top .wrap{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline;padding-top:.75rem;padding-bottom:.75rem}
.brand{font-weight:700;letter-spacing:.02em}
.district{color:#cbd5e1}
main.wrap{padding-top:1.5rem;padding-bottom:2rem}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem}
h2{font-size:1.125rem;margin:0 0 .75rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem 1.25rem;margin:0 0 1rem}
.banner{border-left:4px solid var(--alert);background:var(--alert-bg)}
.banner.ok{border-left-color:var(--ok);background:var(--ok-bg)}
.banner.wait{border-left-color:var(--warn);background:var(--warn-bg)}
.muted{color:var(--muted)}
.meta{margin:.25rem 0 0;color:var(--muted);font-size:.9375rem}
ul.reasons{margin:0;padding-left:1.25rem}
.table-scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.9375rem}
caption{text-align:left;color:var(--muted);font-size:.875rem;padding-bottom:.5rem}
th,td{text-align:left;padding:.5rem .625rem;border-bottom:1px solid var(--line);vertical-align:top}
thead th{font-weight:600;background:#f8fafc;white-space:nowrap}
tbody th{font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.lose{color:var(--alert);font-weight:600}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.875em;background:#eef2f6;padding:.1em .35em;border-radius:4px}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:0 0 1rem}
form.search .field{flex:1 1 14rem;display:flex;flex-direction:column;gap:.25rem}
label{font-weight:600;font-size:.9375rem}
input[type=search]{font:inherit;padding:.5rem .625rem;border:1px solid #9aa4b2;border-radius:6px;min-height:2.75rem;width:100%}
button,.button{font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1rem;border-radius:6px;border:1px solid #9aa4b2;background:#fff;color:var(--ink);cursor:pointer;text-decoration:none;display:inline-flex;align-items:center}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
button:hover{filter:brightness(.96)}
a{color:var(--accent)}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
nav.pages{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;margin-top:1rem}
.decide{display:grid;gap:1rem;grid-template-columns:1fr}
.decide form{margin:0;display:flex;flex-direction:column;gap:.5rem;align-items:flex-start}
.decide p{margin:0}
@media (min-width:48rem){.decide{grid-template-columns:1fr 1fr}}
@media (max-width:40rem){
table.stack thead{position:absolute;left:-9999px}
table.stack tr{display:block;border-bottom:1px solid var(--line);padding:.5rem 0}
table.stack td,table.stack tbody th{display:flex;justify-content:space-between;gap:1rem;border:0;padding:.125rem 0;text-align:right}
table.stack td::before,table.stack tbody th::before{content:attr(data-label);font-weight:600;color:var(--muted);text-align:left}
table.stack td.num{justify-content:space-between}
}
footer{color:var(--muted);font-size:.875rem;padding-bottom:2rem}
`.trim();

export const PAGE_CSS_HASH = `sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}`;
