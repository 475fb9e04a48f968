// The shape of an operator command (backup, restore): one file argument, one JSON log line saying what
// was done, or one naming what went wrong, and exit code 0 or 1.
import { ConfigError } from '../config';
import { OpsCommandError } from './backup';
import { getLogger, setProcessRole } from './logger';

export function runOpsCommand(
  usage: string,
  command: (file: string) => Promise<{ summary: object; message: string }>,
): void {
  setProcessRole('script');
  const file = process.argv[2];
  const run = async () => {
    if (!file || process.argv.length > 3) throw new OpsCommandError(`Usage: ${usage}`);
    const { summary, message } = await command(file);
    getLogger().info(summary, message);
  };
  run().then(
    () => process.exit(0),
    (error: unknown) => {
      const expected = error instanceof OpsCommandError || error instanceof ConfigError;
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ConfigError) process.stderr.write(`${message}\n`);
      else getLogger().fatal(expected ? {} : { err: error }, message);
      process.exit(1);
    },
  );
}
