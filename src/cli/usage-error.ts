/** The command line itself is wrong (unknown option, missing argument): exit code 2 with usage. */
export class UsageError extends Error {
  /**
   * @param message - What is wrong, naming the option and the value given.
   * @param command - The command, for the "--help" line.
   * @param zh - The same in Chinese (option names as typed), printed under `--lang zh`.
   */
  constructor(
    message: string,
    readonly command?: string,
    readonly zh?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
