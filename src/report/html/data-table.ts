import { html, type Content, type Markup } from './markup.ts';

/** A table of the page: its caption, one header cell a column, and its rows. */
export function dataTable(options: {
  className?: string;
  caption: Content;
  columns: readonly string[];
  rows: Content;
}): Markup {
  return html`<table${options.className !== undefined && html` class="${options.className}"`}>
    <caption>
      ${options.caption}
    </caption>
    <thead>
      <tr>
        ${options.columns.map((column) => html`<th scope="col">${column}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${options.rows}
    </tbody>
  </table>`;
}
