// What `npm test` needs besides node_modules, set up on the spot: a Redis (the one at TEST_REDIS_URL,
// default 127.0.0.1:6379, or a redis-server of its own on that port, stopped afterwards) and Chromium
// (CHROMIUM_PATH, Debian's package, or Playwright's). As root it installs a missing redis-server or
// chromium with apt-get; otherwise it stops at once with one sentence naming the command to run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export class MissingTool extends Error {}

const print = (text) => process.stdout.write(`${text}\n`);

const isRoot = () => process.getuid?.() === 0;
const onPath = (command) =>
  spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

function aptInstall(pkg) {
  if (!isRoot() || !onPath('apt-get')) return false;
  print(`Installing ${pkg} with apt-get`);
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit' });
  return update.status === 0 && install.status === 0;
}

/** Whether a Redis answers PING at host:port within a second. */
export function redisAnswers(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(String(data).startsWith('+PONG')));
  });
}

/**
 * Makes sure a Redis answers at `url`. Returns a function that stops the Redis started here (a no-op
 * when one was already answering).
 */
export async function ensureRedis(url) {
  const { hostname, port: portText } = new URL(url);
  const port = Number(portText || 6379);
  if (await redisAnswers(hostname, port)) return async () => undefined;
  if (!['127.0.0.1', 'localhost'].includes(hostname)) {
    throw new MissingTool(
      `No Redis answers at ${url}: start it, or unset TEST_REDIS_URL, then run npm test again.`,
    );
  }
  if (!onPath('redis-server') && !aptInstall('redis-server')) {
    throw new MissingTool(
      `No Redis answers on ${hostname}:${port} and redis-server is not installed: run \`sudo apt-get install -y redis-server\` (or start a Redis there), then npm test again.`,
    );
  }
  print(`No Redis answers on ${hostname}:${port}: starting redis-server there for the tests`);
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers('127.0.0.1', port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new MissingTool(
        `redis-server did not start on port ${port}: run \`redis-server --port ${port}\` to see why.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
}

/** The path of a Chromium to drive, installing Debian's package when root and none is found. */
export async function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  try {
    const { chromium } = await import('@playwright/test');
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright has no browser of its own here; Debian's is the usual one.
  }
  const found = candidates.find((candidate) => candidate && fs.existsSync(candidate));
  if (found) return found;
  if (aptInstall('chromium') && fs.existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new MissingTool(
    'Chromium was not found: run `sudo apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium), then npm test again.',
  );
}
