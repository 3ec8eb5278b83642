/**
 * Problems found in the inputs. Logs and the CLI speak English; every problem also carries a short
 * French sentence, because the people who run the pipeline and read its reports are French users.
 */

export interface InputIssue {
  file: string;
  /** 1-based line number in the file; null when the problem concerns the whole file. */
  line: number | null;
  reason: string;
  reasonFr: string;
}

export function formatIssue(issue: InputIssue): string {
  return issue.line === null ? `${issue.file}: ${issue.reason}` : `${issue.file}:${issue.line}: ${issue.reason}`;
}

/** A failure the user can act on: what went wrong, in both languages, and the offending lines. */
export class DataInputError extends Error {
  readonly messageFr: string;
  readonly issues: readonly InputIssue[];

  constructor(message: string, messageFr: string, issues: readonly InputIssue[] = []) {
    super(message);
    this.name = 'DataInputError';
    this.messageFr = messageFr;
    this.issues = issues;
  }
}
