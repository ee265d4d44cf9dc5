/** A report that cannot be read or committed; the message is for the user, as it is. */

export interface CommitIssue {
  start: number;
  end: number;
  /** The words of the text the problem is about. */
  text: string;
  message: string;
}

/** Nothing has been written when this is thrown. `issues` lists each bad decision of a commit. */
export class ReportError extends Error {
  constructor(
    message: string,
    readonly issues: CommitIssue[] = [],
  ) {
    super(message);
    this.name = 'ReportError';
  }
}
