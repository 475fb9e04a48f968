// `npm run restore -- <file>`: puts a backup in place as DATA_DIR's database, unless a server is using it.
import { getConfig } from '../lib/config';
import { restoreDatabase } from '../lib/ops/backup';
import { runOpsCommand } from '../lib/ops/command';

runOpsCommand('npm run restore -- <file>', async (file) => {
  const summary = restoreDatabase(getConfig().DATA_DIR, file);
  return { summary, message: `Restored ${summary.runs} runs into ${summary.file}` };
});
