const ONE_LINE_ERRORS = new Set(['ConfigError', 'MasterKeyError']);

/**
 * Start-up failure handler: configuration and key errors are the operator's
 * to fix, so they print as one line; anything else also prints its stack.
 */
export function exitWithOneLine(processName: string): (error: unknown) => never {
  return (error: unknown) => {
    const err = error instanceof Error ? error : new Error(String(error));
    const detail = ONE_LINE_ERRORS.has(err.name) ? '' : `\n${err.stack ?? ''}`;
    process.stderr.write(`${processName}: ${err.message}${detail}\n`);
    process.exit(1);
  };
}
