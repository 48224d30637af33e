import { createHash } from 'node:crypto';
import { listenerStates } from '../../model/listener.ts';
import { LineIndex } from '../../syntax/position.ts';
import { assumptionLine } from '../assumptions.ts';
import { explanations } from './explanations.ts';
import { legend, matrixTable } from './matrix.ts';
import { html, raw, withoutOptionalEndTags, type Markup } from './markup.ts';
import { moduleHeading, moduleSection, scanFindingItem, type ScanView } from './module-section.ts';
import {
  inlineSectionsLimit,
  packedSectionPlaceholder,
  packedSections,
  packedSectionsNote,
} from './packed-sections.ts';
import { pageScript } from './page-script.ts';
import { pageStyle } from './page-style.ts';
import { peersSection } from './peers.ts';
import { moduleViews, type ModuleView, type SystemInput } from './system.ts';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Nothing from elsewhere: no request of any kind (default-src 'none'), the one style sheet and the one script by
 * their hashes, no <base>, no form that submits.
 */
function contentSecurityPolicy(): string {
  return `default-src 'none'; style-src ${sha256(pageStyle)}; script-src ${sha256(pageScript)}; base-uri 'none'; form-action 'none'`;
}

// Built as plain strings, not through the html template, which a formatter could change: the hashes in the
// Content-Security-Policy must match the elements' text exactly.
const styleElement = raw(`<style>${pageStyle}</style>`);
const scriptElement = raw(`<script>${pageScript}</script>`);

function summary(modules: readonly ModuleView[]): Markup {
  const listeners = modules.flatMap((m) => m.listeners);
  const counts = listenerStates.map(
    (state) => `${listeners.filter((v) => v.listener.state === state).length} ${state}`,
  );
  const messages = modules.flatMap((m) => m.messages);
  const bySeverity = (['error', 'warning', 'info'] as const).map(
    (severity) =>
      `${messages.filter((m) => m.severity === severity).length} ${severity === 'info' ? 'infos' : `${severity}s`}`,
  );
  return html`<p>
    ${modules.length} ${modules.length === 1 ? 'module' : 'modules'}; ${listeners.length} listeners
    (${counts.join(', ')}); findings: ${bySeverity.join(', ')}.
  </p>`;
}

function controls(): Markup {
  const states = listenerStates.map(
    (state) => html`<label><input type="checkbox" id="f-${state}" checked /> ${state}</label>`,
  );
  return html`<div class="controls" id="controls" hidden>
    <label>Modules named <input type="search" id="f-module" /></label
    ><label>Ports <input type="search" id="f-port" placeholder="21, tcp, ssh" /></label>
    <fieldset>
      <legend>Show listeners that are</legend>
      ${states}
    </fieldset>
    <label><input type="checkbox" id="f-empty" /> hide modules and ports with nothing shown</label
    ><label
      >Sort modules by
      <select id="s-rows">
        <option value="run">the order of the run</option>
        <option value="name">name</option>
        <option value="live">live listeners, most first</option>
        <option value="findings">findings, most first</option>
      </select></label
    ><label
      >Sort ports by
      <select id="s-cols">
        <option value="port">number</option>
        <option value="live">modules live on it, most first</option>
      </select></label
    ><output id="f-count" aria-live="polite"></output>
  </div>`;
}

function scanSummary(input: SystemInput, view: ScanView | undefined): Markup | false {
  if (view === undefined) return false;
  const loose = view.input.verification.findings.filter((f) => f.module === undefined);
  return html`<section id="scan" aria-labelledby="scan-h">
    <h2 id="scan-h">The scan: ${view.input.name}</h2>
    <p>
      verify's verdicts on each module are in its section, and each port's state is a sign in the
      matrix.${input.scan?.scan.nmapVersion !== undefined && ` nmap ${input.scan.scan.nmapVersion}.`}
    </p>
    ${
      loose.length > 0 &&
      html`<ul>
        ${loose.map((f) => scanFindingItem(f, view.input, view.index))}
      </ul>`
    }
  </section>`;
}

/** The whole report: one HTML document that needs nothing else and asks for nothing else. */
export function renderSystemReport(input: SystemInput): string {
  const modules = moduleViews(input);
  const scan = input.scan && { input: input.scan, index: new LineIndex(input.scan.text) };
  const ruleIds = new Set(modules.flatMap((m) => m.messages.map((message) => message.ruleId)));
  const sections = modules.map((module) => withoutOptionalEndTags(moduleSection(module, input.policy.leftOut, scan)));
  const sectionsSize = sections.reduce((size, section) => size + section.text.length, 0);
  const packed = sectionsSize > inlineSectionsLimit;
  const title = `vos-audit report: ${modules.length} ${modules.length === 1 ? 'module' : 'modules'}`;
  // Everything in the body but the script, which must stay as it is for its hash.
  const body = withoutOptionalEndTags(
    html`<header>
        <h1>${title}</h1>
        ${summary(modules)}
        <p>${assumptionLine(input.modules)}</p>
        <p>
          Made by vos-audit ${input.toolVersion}. This page is self-contained: it loads nothing.
          ${
            packed
              ? 'Without JavaScript it shows the matrix, the system and what the findings mean; JavaScript sorts, filters, opens cells and shows the modules’ sections, which are stored compressed.'
              : 'It works without JavaScript, which only sorts, filters and opens cells.'
          }
        </p>
        <nav aria-label="contents">
          <ul>
            <li><a href="#matrix-h">The matrix</a></li>
            <li><a href="#system">The system</a></li>
            ${scan && html`<li><a href="#scan">The scan</a></li>`}
            <li><a href="#modules-h">Modules</a></li>
            <li><a href="#rules">What the findings mean</a></li>
          </ul>
        </nav>
      </header>
      <main>
        <section aria-labelledby="matrix-h">
          <h2 id="matrix-h">Modules × ports</h2>
          ${controls()}${legend()}${matrixTable(modules)}
        </section>
        ${peersSection(modules, input.policy)}${scanSummary(input, scan)}
        <h2 id="modules-h">Modules</h2>
        ${
          packed
            ? [
                packedSectionsNote(modules.length, sectionsSize),
                modules.map((module) => packedSectionPlaceholder(module, moduleHeading(module))),
              ]
            : sections
        }
        ${explanations(ruleIds)}
      </main>
      <dialog id="evidence" aria-label="the evidence of a listener">
        <button type="button" id="evidence-close">Close</button>
        <div id="evidence-body"></div>
      </dialog>`,
  );
  const document = html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}" />
        <meta name="referrer" content="no-referrer" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        ${styleElement}
      </head>
      <body>
        ${body}${packed && packedSections(sections)}${scriptElement}
      </body>
    </html> `;
  return document.text;
}
