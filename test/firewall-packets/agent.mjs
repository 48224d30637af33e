// One process per network namespace of the packet tests: it holds that namespace's TCP and UDP listeners and sends
// its client probes, so that a namespace needs no process per port or per probe. Plain JavaScript, so that it starts
// with `node` alone inside `ip netns exec`. It reads one JSON request per line on stdin and answers each with one
// JSON line on stdout, carrying the request's id; it exits when stdin closes.
//
//   {"id": 1, "listen": {"hosts": ["::"], "tcp": [21, 22], "udp": [53]}}  ->  {"id": 1, "failed": []}
//   {"id": 2, "probe": [{"protocol": "tcp", "to": "192.0.2.2", "port": 21, "from": "198.51.100.10", "sourcePort": 22}]}
//     ->  {"id": 2, "results": ["open"]}        (open, timeout, refused, or error: followed by the error's code)
import { createSocket } from 'node:dgram';
import { createServer, connect, isIPv6 } from 'node:net';
import { createInterface } from 'node:readline';

const timeoutMs = 1000;
const servers = [];

function listenTcp(host, port) {
  return new Promise((resolve) => {
    const server = createServer((socket) => {
      socket.on('error', () => {});
      socket.end();
    });
    server.once('error', (error) => resolve(`tcp ${host} ${port}: ${error.code}`));
    server.listen({ host, port, ipv6Only: false }, () => resolve(undefined));
    servers.push(server);
  });
}

function listenUdp(host, port) {
  return new Promise((resolve) => {
    const socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4', ipv6Only: false, reuseAddr: true });
    socket.on('message', (message, peer) => socket.send(message, peer.port, peer.address));
    socket.once('error', (error) => resolve(`udp ${host} ${port}: ${error.code}`));
    socket.bind({ address: host, port }, () => resolve(undefined));
    servers.push(socket);
  });
}

function probeTcp({ to, port, from, sourcePort }) {
  return new Promise((resolve) => {
    const socket = connect({ host: to, port, localAddress: from, localPort: sourcePort });
    const done = (result) => {
      clearTimeout(timer);
      // A reset leaves no TIME_WAIT behind, so the next probe from the same source port can bind it again. A socket
      // still connecting is closed at once: resetAndDestroy would wait for the connection, and a retransmitted SYN
      // could open it while the probe's retry finds the same addresses and ports taken (EADDRNOTAVAIL).
      if (socket.connecting) socket.destroy();
      else if (!socket.destroyed) socket.resetAndDestroy();
      resolve(result);
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    socket.once('connect', () => done('open'));
    socket.once('error', (error) => done(error.code === 'ECONNREFUSED' ? 'refused' : `error: ${error.code}`));
  });
}

function probeUdp({ to, port, from, sourcePort }) {
  return new Promise((resolve) => {
    const socket = createSocket({ type: isIPv6(to) ? 'udp6' : 'udp4', reuseAddr: true });
    const done = (result) => {
      clearTimeout(timer);
      socket.close();
      resolve(result);
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    socket.once('error', (error) => done(error.code === 'ECONNREFUSED' ? 'refused' : `error: ${error.code}`));
    socket.on('message', (_message, peer) => {
      if (peer.port === port) done('open');
    });
    socket.bind({ address: from, port: sourcePort ?? 0 }, () => {
      // Connected, so that an ICMP port unreachable comes back as ECONNREFUSED.
      socket.connect(port, to, () => socket.send('probe'));
    });
  });
}

async function handle(request) {
  if (request.listen) {
    const { hosts, tcp, udp } = request.listen;
    const failed = await Promise.all(
      hosts.flatMap((host) => [...tcp.map((p) => listenTcp(host, p)), ...udp.map((p) => listenUdp(host, p))]),
    );
    return { id: request.id, failed: failed.filter(Boolean) };
  }
  const results = await Promise.all(
    request.probe.map((probe) => (probe.protocol === 'tcp' ? probeTcp(probe) : probeUdp(probe))),
  );
  return { id: request.id, results };
}

createInterface({ input: process.stdin })
  .on('line', (line) => {
    handle(JSON.parse(line)).then((answer) => process.stdout.write(`${JSON.stringify(answer)}\n`));
  })
  .on('close', () => process.exit(0));
