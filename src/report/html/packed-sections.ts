import { gzipSync } from 'node:zlib';
import { moduleId } from './anchors.ts';
import { html, raw, type Markup } from './markup.ts';
import type { ModuleView } from './system.ts';

/**
 * Past this many characters of HTML, the modules' sections go into the page compressed, and its script shows each
 * one when it is scrolled to, linked to or printed: a browser takes about a second a megabyte to build a page of
 * them, and a gzip of the sections of many modules, which repeat one another, is a small fraction of them.
 */
export const inlineSectionsLimit = 2_000_000;

/** The id of the element that holds the sections: the page's script reads it. */
export const packedSectionsId = 'module-sections';

/**
 * How many modules' sections are compressed together: the script unpacks a chunk when one of its modules is to be
 * shown, so a chunk is small enough to unpack at once and large enough for its modules to share most of their text.
 */
const modulesPerChunk = 20;

/**
 * The sections in chunks, each a JSON array of their HTML, gzipped, in base64, separated by spaces: a data block,
 * which no browser runs. Base64 holds no `<`, so nothing in it can end the element; the HTML in it is the escaped
 * markup the page would have had.
 */
export function packedSections(sections: readonly Markup[]): Markup {
  const chunks: string[] = [];
  for (let first = 0; first < sections.length; first += modulesPerChunk) {
    const texts = sections.slice(first, first + modulesPerChunk).map((section) => section.text);
    chunks.push(gzipSync(JSON.stringify(texts)).toString('base64'));
  }
  return raw(
    `<script type="application/gzip" id="${packedSectionsId}" data-modules="${modulesPerChunk}">${chunks.join(' ')}</script>`,
  );
}

/** Where a module's section goes once the script has unpacked it: the module's heading, under the section's id. */
export function packedSectionPlaceholder(module: ModuleView, heading: Markup): Markup {
  return html`<section class="module packed" id="${moduleId(module)}" aria-labelledby="${moduleId(module)}-h">
    ${heading}
  </section>`;
}

/** Said where the sections would be: what needs JavaScript, and how to see every module at once. */
export function packedSectionsNote(count: number, bytes: number): Markup {
  return html`<p id="packed-note">
      The sections of these ${count} modules (${(bytes / 1e6).toFixed(1)} MB of HTML) are stored compressed in this
      page, so that it opens fast, and need JavaScript to be shown: each appears when it is scrolled to, linked to from
      the matrix, or printed. The matrix, the system and the explanations of the findings do not need it.
    </p>
    <p id="packed-all" hidden>
      <button type="button" id="show-all">Show every module</button> (so that the browser's search finds text in all of
      them; it takes a while) <output id="packed-count" aria-live="polite"></output>
    </p>`;
}
