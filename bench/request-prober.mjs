// A worker thread that GETs one URL every 100 ms (one request at a time) until told to stop, then posts
// every answer's latency (after one warm-up request, when it posts 'ready'). It runs on its own event loop, so the benchmark's own load (a thousand
// streams read in the main thread) does not add to the latencies it measures: only the server's does.
// Plain JavaScript, so the worker needs no TypeScript loader.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const INTERVAL_MS = 100;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const samples = [];
let stopped = false;

/** The time to answer a GET; a kept-alive socket the server had just closed is retried once, within the time. */
function timedGet(url, started = performance.now()) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(performance.now() - started));
    });
    request.on('error', (error) => {
      if (request.reusedSocket && error.code === 'ECONNRESET') resolve(timedGet(url, started));
      else reject(error);
    });
  });
}

parentPort.once('message', () => (stopped = true));
// One request before the load, so the measured ones reuse an open connection (a dashboard's browser
// has one) instead of queueing behind the load's thousands of new connections to be accepted.
await timedGet(workerData.url);
parentPort.postMessage('ready');
while (!stopped) {
  samples.push(await timedGet(workerData.url));
  await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
}
parentPort.postMessage(samples);
agent.destroy();
