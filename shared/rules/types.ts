// What the analyses report. Plain data with spans; server/ converts it to LSP, the CLI prints it.
import type { Span } from '../model/span';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
}

export interface Diagnostic {
  /** Stable code, e.g. "RL001". Codes never change meaning. */
  code: string;
  /** Rule name, e.g. "duplicate-path-param"; also the page docs/rules/<rule>.md */
  rule: string;
  severity: Severity;
  message: string;
  span: Span;
  related: { span: Span; message: string }[];
  fixes: Fix[];
}
