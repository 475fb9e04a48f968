// `npm start`: serves the built app (lib/server/web-server.ts), with the settings of the validated config
// (lib/config.ts): a bad value stops it with a sentence naming the variable. Without API_SECRET it listens
// on 127.0.0.1 only unless HOST says otherwise, and says so. Signals are left to the app
// (NEXT_MANUAL_SIG_HANDLE), which drains on SIGTERM (lib/ops/web-drain.ts).
import { register } from 'tsx/esm/api';

process.env.NODE_ENV ??= 'production';
process.env.NEXT_MANUAL_SIG_HANDLE = 'true';
// The server is TypeScript shared with the app (lib/); tsx compiles it as it loads.
register();
const { ConfigError } = await import('../lib/config.ts');
const { startWebServer } = await import('../lib/server/web-server.ts');
try {
  await startWebServer();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // The logger's own settings come from the config, so this one line goes out by hand.
  console.error(JSON.stringify({ level: 'fatal', time: new Date().toISOString(), msg: error.message }));
  process.exit(1);
}
