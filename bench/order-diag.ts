// TEMPORARY: diagnostics for the capacity order effect (BENCH_CAPACITY_SEQUENCE).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { agent } from './http-client';

function machineTicks(): { busy: number; total: number; steal: number } {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = fields[3] + fields[4];
  return { busy: total - idle, total, steal: fields[7] };
}

function processTicks(): Map<number, { name: string; ticks: number }> {
  const all = new Map<number, { name: string; ticks: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      let name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      try {
        name = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 90);
      } catch {}
      all.set(Number(entry), { name, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {}
  }
  return all;
}

function netCounters(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const file of ['/proc/net/netstat', '/proc/net/snmp']) {
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    for (let i = 0; i + 1 < lines.length; i += 2) {
      const names = lines[i].split(/\s+/);
      const values = lines[i + 1].split(/\s+/);
      const prefix = names[0];
      for (let j = 1; j < names.length; j++) out[prefix + names[j]] = Number(values[j]);
    }
  }
  return out;
}

const WATCHED = [
  'TcpExt:ListenOverflows',
  'TcpExt:ListenDrops',
  'TcpExt:TCPReqQFullDrop',
  'TcpExt:TCPSynRetrans',
  'TcpExt:TCPTimeouts',
  'TcpExt:TCPRetransFail',
  'Tcp:RetransSegs',
  'Tcp:ActiveOpens',
  'Tcp:PassiveOpens',
  'TcpExt:TW',
  'TcpExt:TWRecycled',
  'TcpExt:TCPAbortOnData',
  'TcpExt:TCPAbortOnClose',
];

const count = (map: NodeJS.ReadOnlyDict<unknown[]>) =>
  Object.values(map).reduce((sum, list) => sum + (list?.length ?? 0), 0);

let before = machineTicks();
let beforeProcs = processTicks();
let beforeNet = netCounters();

/** Machine CPU busy, other processes and net counters are since the previous snapshot. */
export function snapshot(label: string) {
  const after = machineTicks();
  const afterProcs = processTicks();
  const afterNet = netCounters();
  const ss = execSync('ss -s', { encoding: 'utf8' });
  const tcp = /TCP:\s+(\d+) \(estab (\d+), closed (\d+), orphaned (\d+), timewait (\d+)\)/.exec(ss);
  const mem = process.memoryUsage();
  const top = [...afterProcs]
    .map(([pid, { name, ticks }]) => ({ pid, name, ticks: ticks - (beforeProcs.get(pid)?.ticks ?? 0) }))
    .filter((each) => each.ticks > 5)
    .sort((a, b) => b.ticks - a.ticks)
    .slice(0, 6)
    .map((each) => `${each.ticks}t ${each.pid} ${each.name}`);
  const net = Object.fromEntries(
    WATCHED.map((name) => [name.split(':')[1], (afterNet[name] ?? 0) - (beforeNet[name] ?? 0)]).filter(
      ([, value]) => value !== 0,
    ),
  );
  const info = {
    label,
    busyTicks: after.busy - before.busy,
    totalTicks: after.total - before.total,
    steal: after.steal - before.steal,
    load: fs.readFileSync('/proc/loadavg', 'utf8').trim(),
    tcp: tcp?.slice(1).join('/'),
    heapMb: Math.round(mem.heapUsed / 1e5) / 10,
    agentFree: count(agent.freeSockets),
    net,
    top,
  };
  before = after;
  beforeProcs = afterProcs;
  beforeNet = afterNet;
  process.stderr.write(`[diag] ${JSON.stringify(info)}\n`);
}
