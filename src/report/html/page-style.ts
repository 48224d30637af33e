/** The page's style sheet: one inline <style>, allowed by its hash in the page's Content-Security-Policy. */
export const pageStyle = `
[hidden] { display: none !important; }
:root { color-scheme: light; --live: #f7c6c0; --conditional: #fbe3a0; --off: #dfe4ea; --dead: #ddd3ee; --ink: #16181d; }
body { font: 14px/1.45 system-ui, sans-serif; color: var(--ink); background: #fff; margin: 0 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: 1rem 0 .25rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #ccd; }
h3 { font-size: 1.1rem; margin-bottom: .3rem; }
h4, h5 { font-size: 1rem; margin: .6rem 0 .2rem; }
code { font: 12px/1.3 ui-monospace, monospace; background: #f1f2f5; padding: 0 .2em; white-space: pre-wrap; word-break: break-all; }
a { color: #0b4fa8; }
nav ul, .legend ul { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; padding: 0; list-style: none; }
.controls { display: flex; flex-wrap: wrap; gap: .5rem 1.2rem; align-items: center; margin: .5rem 0; }
.controls fieldset { border: 1px solid #ccd; padding: .1rem .6rem .3rem; }
.scroll { overflow: auto; max-height: 75vh; border: 1px solid #ccd; }
.matrix { border-collapse: separate; border-spacing: 0; font-size: 12px; }
.matrix th, .matrix td { border: 1px solid #e3e5ea; padding: 2px 3px; vertical-align: top; }
.matrix thead th { position: sticky; top: 0; background: #f6f7f9; z-index: 2; font-weight: 600; white-space: nowrap; writing-mode: vertical-rl; transform: rotate(180deg); text-align: left; }
.matrix thead th:first-child { writing-mode: horizontal-tb; transform: none; left: 0; z-index: 3; }
.matrix tbody th { position: sticky; left: 0; background: #fff; text-align: left; font-weight: normal; white-space: nowrap; max-width: 22rem; overflow: hidden; text-overflow: ellipsis; z-index: 1; }
.matrix th .svc, .matrix th .proto { font-weight: normal; }
.matrix th button { font: inherit; writing-mode: inherit; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; text-align: inherit; }
.matrix th[aria-sort] { background: #e4ebf7; }
.e { display: inline-block; min-width: 1.4em; padding: 0 .25em; border-radius: 3px; border: 1px solid #8a8f99; font: 600 12px/1.4 ui-monospace, monospace; color: var(--ink); text-decoration: none; text-align: center; margin: 1px; }
.e.live { background: var(--live); } .e.conditional { background: var(--conditional); }
.e.off { background: var(--off); } .e.dead { background: var(--dead); border-style: dashed; }
.e.conditional { border-style: dotted; }
a.e:focus { outline: 3px solid #0b4fa8; outline-offset: 1px; }
.hide-live a.e.live, .hide-conditional a.e.conditional, .hide-off a.e.off, .hide-dead a.e.dead { display: none; }
.sign { font: 600 12px ui-monospace, monospace; border: 1px solid #8a8f99; padding: 0 .3em; border-radius: 3px; }
.legend { margin: .5rem 0 1rem; }
.legend p { margin: .2rem 0; }
.sev { font-weight: 600; text-transform: uppercase; font-size: 11px; padding: 0 .3em; border-radius: 3px; border: 1px solid; }
.sev.error { color: #8b0a0a; } .sev.warning { color: #6b4a00; } .sev.info { color: #1f4f7a; }
.where { font-family: ui-monospace, monospace; font-size: 12px; }
.module { content-visibility: auto; contain-intrinsic-size: auto 3000px; }
.ev { border: 1px solid #dde; border-radius: 6px; padding: .3rem .8rem; margin: .5rem 0; }
.ev:target { outline: 3px solid #0b4fa8; }
.ev dl, .facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .3rem 0; }
.ev dt, .facts dt { font-weight: 600; }
.ev dd, .facts dd { margin: 0; }
.places, .ev ol { padding-left: 1.5rem; margin: 0; }
table.rules, .module table, #system table { border-collapse: collapse; font-size: 12px; margin: .3rem 0; }
.module td, .module th, #system td, #system th { border: 1px solid #dde; padding: 2px 6px; text-align: left; vertical-align: top; }
caption { text-align: left; font-style: italic; padding: .2rem 0; }
tr:target { outline: 3px solid #0b4fa8; }
svg.peers { max-width: 100%; height: auto; }
svg.peers .system rect { fill: #f6f7f9; stroke: #99a; }
svg.peers .node rect { fill: #fff; stroke: #556; }
svg.peers .node.bridge rect { stroke-width: 2.5; }
svg.peers text { font: 12px system-ui, sans-serif; fill: #16181d; }
svg.peers .title { font-weight: 600; }
svg.peers .osl { fill: none; stroke: #1f5fbf; stroke-width: 1.5; stroke-dasharray: 5 3; }
svg.peers .osn { stroke: #a34d00; stroke-width: 2.5; }
dialog { max-width: min(60rem, 92vw); max-height: 85vh; overflow: auto; border: 1px solid #99a; border-radius: 8px; padding: .5rem 1rem 1rem; }
dialog::backdrop { background: rgb(0 0 0 / 35%); }
dialog .ev { border: 0; padding: 0; }
@media print {
  body { margin: 0; font-size: 10pt; }
  .controls, dialog, .skip { display: none !important; }
  .scroll { overflow: visible; max-height: none; border: 0; }
  .matrix thead th, .matrix tbody th { position: static; }
  .e { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .module { content-visibility: visible; break-before: page; }
  a { color: inherit; text-decoration: none; }
}
`;
