// `npm run backup -- <file>`: a consistent copy of the embedded store (DATA_DIR), safe while the server runs.
import { getConfig } from '../lib/config';
import { backupDatabase } from '../lib/ops/backup';
import { runOpsCommand } from '../lib/ops/command';

runOpsCommand('npm run backup -- <file>', async (file) => {
  const summary = await backupDatabase(getConfig().DATA_DIR, file);
  return { summary, message: `Backed up ${summary.runs} runs to ${summary.file}` };
});
