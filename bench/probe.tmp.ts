import { startEmbedded } from './targets';
import { measureFanout, FANOUT_SERVER_ENV } from './figures/fanout';
const t = await startEmbedded({ tokenDelayMs: 5, env: { ...FANOUT_SERVER_ENV, NODE_OPTIONS: '--require /tmp/prof.cjs', PROF_DIR: '/tmp/prof-fanout' } });
console.log('started', t.url);
const timer = setTimeout(() => { console.log('TIMEOUT'); }, 60000);
try { console.log(await measureFanout(t)); } catch (e) { console.log('ERR', e); }
clearTimeout(timer);
await t.stop();
