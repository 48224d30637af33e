import type { ModuleModel } from '../model/listener.ts';
import type { Place } from '../model/place.ts';
import type { Severity } from '../model/settings.ts';
import type { Span } from '../syntax/position.ts';
import type { ScannedHost } from './nmap-scan.ts';
import type { VerifyCheckId } from './verify-checks.ts';

/** A module to verify: its model and the addresses the scan may know it by. */
export interface ModuleToVerify {
  name: string;
  addresses?: readonly string[];
  model: ModuleModel;
}

/** A verdict, placed in the scan, with the configuration's evidence for it. */
export interface VerifyFinding {
  id: VerifyCheckId;
  severity: Severity;
  reason: string;
  /** Where in the scan: the `<port>`, `<extraports>`, `<host>` or `<nmaprun>` element. */
  span: Span;
  module?: string;
  related: Array<{ place: Place; reason: string }>;
}

/** How a module's ports compared, counted. */
export interface ModuleTally {
  openAsExpected: number;
  closedAsExpected: number;
  unexplainedOpen: number;
  liveButClosed: number;
  conditionsSettled: number;
  undecided: number;
  /** The model's live or conditional ports (a range counts once) the scan did not probe. */
  notProbed: number;
  /** The model's live or conditional ports, a range counting once. */
  expected: number;
}

export interface ModuleVerification {
  name: string;
  /** The address it was verified at: the first of its addresses the scan has, else its first. */
  address?: string;
  /** The scanned host matched to it, when it is in the scan and up. */
  host?: ScannedHost;
  tally?: ModuleTally;
}

export interface Verification {
  modules: ModuleVerification[];
  findings: VerifyFinding[];
}
