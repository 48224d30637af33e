import type { CstNode } from 'chevrotain';
import { parseTelnetAdminCst, rowCells } from '../../grammar/telnet-admin/index.ts';
import { tokenEnd } from '../../grammar/types.ts';
import { tokenField, type Field } from './field.ts';
import { placeError, type ParseError } from './parse-error.ts';
import { LineIndex, type Position } from './position.ts';

/** One port telnetd listens on, as a row of the listing. */
export interface TelnetListener {
  type: 'listener';
  service: Field;
  port: Field;
  /** Every cell of the row by its lower-cased column name. */
  cells: Record<string, Field>;
  position: Position;
}

export interface TelnetAdminRoot {
  type: 'root';
  kind: 'telnet-admin';
  /** The header's column names, lower-cased; empty when the listing had no header vos-audit knows. */
  columns: string[];
  children: TelnetListener[];
  position: Position;
  errors: ParseError[];
}

const serviceColumns = new Set(['service', 'service_name', 'name']);
const portColumns = new Set(['port', 'port_number', 'port_no', 'tcp_port']);
export const expectedHeader =
  'a header row naming at least a Service and a Port column (for example: Service  Port  Device  Type)';

/**
 * Reads a captured `telnet_admin` listing (our documented assumption, see README): a header row naming its columns,
 * an optional rule of dashes, then a row per listener. A listing without such a header is rejected whole.
 */
export function parseTelnetAdmin(text: string, index = new LineIndex(text)): TelnetAdminRoot {
  const parsed = parseTelnetAdminCst(text);
  const rows = ((parsed.cst.children.row as CstNode[] | undefined) ?? []).map(rowCells);
  const errors: ParseError[] = [];
  const error = (message: string, start: number, end: number, expected: string) =>
    errors.push(placeError({ message, start, end, expected }, index));
  const root: TelnetAdminRoot = {
    type: 'root',
    kind: 'telnet-admin',
    columns: [],
    children: [],
    position: index.position({ start: 0, end: text.length }),
    errors,
  };

  const [header, ...body] = rows;
  if (header === undefined) {
    error(`Unexpected end of file, expected ${expectedHeader}`, text.length, text.length, expectedHeader);
    return root;
  }
  const columns = header.map((cell) => cell.image.toLowerCase());
  const serviceAt = columns.findIndex((c) => serviceColumns.has(c));
  const portAt = columns.findIndex((c) => portColumns.has(c));
  if (serviceAt === -1 || portAt === -1) {
    const shown = header.map((c) => c.image).join(' ');
    error(
      `Unexpected header '${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown}', expected ${expectedHeader}`,
      header[0]!.startOffset,
      tokenEnd(header[header.length - 1]!),
      expectedHeader,
    );
    return root;
  }
  root.columns = columns;
  for (const cells of body) {
    const start = cells[0]!.startOffset;
    const end = tokenEnd(cells[cells.length - 1]!);
    const service = cells[serviceAt];
    const port = cells[portAt];
    if (service === undefined || port === undefined) {
      error(
        `Unexpected end of row after ${cells.length} cell${cells.length === 1 ? '' : 's'}, ` +
          `expected the ${service ? 'port' : 'service'} in column ${(service ? portAt : serviceAt) + 1}`,
        end,
        end,
        'a cell',
      );
      continue;
    }
    if (!/^\d{1,5}$/.test(port.image) || Number(port.image) > 65535) {
      error(
        `Unexpected port '${port.image}', expected a port number from 1 to 65535`,
        port.startOffset,
        tokenEnd(port),
        'a port number',
      );
      continue;
    }
    const named = Object.fromEntries(cells.flatMap((cell, i) => (columns[i] ? [[columns[i], tokenField(cell)]] : [])));
    root.children.push({
      type: 'listener',
      service: tokenField(service),
      port: tokenField(port),
      cells: named,
      position: index.position({ start, end }),
    });
  }
  return root;
}
