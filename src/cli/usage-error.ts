/** The command line itself is wrong (unknown option, missing argument): exit code 2 with usage. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
