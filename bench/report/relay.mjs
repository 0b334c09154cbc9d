/** The relay cluster section of bench/README.md, from the `relay` section of bench/results.json. */
import { bytes, ms, num, paragraphs, ratio, table, verdict, where } from './format.mjs';

/** Connections a relay or a provider closed (the bench's own closes are not counted), by what the bench was doing. */
function closed(closes) {
  const entries = Object.entries(closes ?? {});
  if (!entries.length) return ' No connection was closed but by the bench.';
  return ` Connections closed by a relay or a provider (phase: WebSocket close code): ${entries.map(([what, count]) => `${what}, ${num(count)}`).join('; ')}${entries.some(([what]) => what.startsWith('kill:')) ? ' (those at the kill are node 1’s)' : ''}.`;
}

/** What the relays and command posts logged, in words where it is known. */
function logged(log) {
  const lines = log?.distinct ?? [];
  if (!lines.length) return ' Nothing was logged by the relays or the command posts.';
  const known = [
    [/Could not acquire lock/, "the Redis extension's refusal to store a room whose lock the other node held (it stores it)"],
    [/Connection is closed/, 'on stopping a node, its Redis connection closed before a room was unloaded'],
  ];
  const said = known.filter(([pattern]) => lines.some((line) => pattern.test(line))).map(([, words]) => words);
  const unknown = lines.filter((line) => !known.some(([pattern]) => pattern.test(line)) && !/storeDocumentHooks/.test(line));
  return ` The relays logged ${num(log.nodeLines)} lines and the command posts ${num(log.clientLines)}: ${[...said, ...unknown.map((line) => `\`${line}\``)].join('; ')}.`;
}

export function relaySection(relay) {
  if (!relay) return '';
  const p = relay.propagation ?? {};
  const n = relay.newcomer ?? {};
  const t = relay.targets ?? {};
  const k = relay.kill ?? {};
  const hosted = relay.clients - relay.ownProcessClients;
  const explanation = `**What it times** (\`bench/relay.mjs\`, alone with \`npm run bench:relay\`; \`BENCH_RELAY_CLIENTS\`, \`BENCH_RELAY_EVENTS\`, \`BENCH_RELAY_ROUNDS\`, \`BENCH_RELAY_NEWCOMERS\`, \`BENCH_RELAY_HOSTS\`): two relay nodes, each \`npm run relay\`'s build in a process of its own on 127.0.0.1, sharing a Redis and, for the rooms, a PostgreSQL (\`scripts/relay-services.sh\`), and ${num(relay.clients)} command posts on one ${num(relay.events)}-entry incident (the long incident of the other benchmarks, ${bytes(relay.incidentBytes)} as one Yjs update). Each command post is the app's RelayLinks on Hocuspocus's own provider over \`ws\`, with its incident doc and its presence, every change and every presence sealed; each connects from a loopback address of its own, so the relay's caps per address apply to it as to a machine. The first command post pushes the incident; the others join ${num(relay.setupMs?.joinWave)} at a time, each wave once the last holds the incident.

- *Propagation*: one of the ${num(relay.ownProcessClients)} command posts in the bench's own process logs an entry (\`logEvent\`), in turn one listing node 1 and one listing node 2, and the bench times, from just before the command, the moment the entry is in each other command post's doc (times on the system's monotonic clock, which every process shares). ${num(p.split?.rounds)} rounds after ${num(p.warmupRounds)} warm-up, in three layouts: each command post listing one node, half on each (so half the receivers are reached through Redis); the share listing both nodes, every command post then connected to both, as the app connects to every relay its share lists; and node 2 alone, after node 1 is killed. The app batches a command post's changes for 40 ms before sending them, and that is in every figure. An entry not there within ${ms(p.roundLimitMs)} is counted at that. **Target:** the last of the ${num(p.split?.receivers)} receivers at p95 under ${ms(t.propagationP95Ms)}.
- *Newcomer*: a fresh command post on node 2, timed from its construction (deriving the admission key, connecting, being admitted, receiving the room's sealed envelopes, opening and applying them) until its doc holds every entry (also timed: until the relay admitted it, and until its provider had received the whole room); ${num(n.runs?.length)} of them, one after another, each from nothing. **Floor:** the same incident's bytes (\`Y.encodeStateAsUpdate\`) sent over a plain WebSocket on loopback by another process and applied to a fresh doc.
- *Memory*: each node's resident memory (VmRSS) when started, then with the room loaded and its command posts (each listing one node, then both), and the most it held.
- *A node killed*: with every command post listing both nodes, node 1 is killed (SIGKILL) and one of its command posts writes an entry at once: timed until every other command post holds it, and until every command post counts node 1 down and is synced with node 2. **Target:** converged within ${ms(t.convergeMs)}.

**Reading the tails.** The ${num(relay.clients)} command posts run on this machine's ${num(relay.machine?.cores)} cores, alongside the relays, Redis and PostgreSQL: ${num(relay.ownProcessClients)} in the bench's process, which hosts nothing else while they are timed, and ${num(hosted)} over ${num(relay.clientProcesses)} processes. Every command post takes every change and every presence update in the room (opening each sealed one), so a process holding a hundred command posts does a hundred machines' work at once and its event loop falls behind. (Left as Hocuspocus's provider has it, each command post would also send every presence update it received back to the relay and copy every state it holds on each one, a room's worth of work per update; the app's relay link drops those listeners, in \`src/renderer/incidents/sync/relay-link.ts\`.) The table shows how long those processes were held up in each round; the command posts in the bench's own process show what a machine with a process of its own sees of the relay.`;

  const row = (label, s, target) => [
    label,
    ms(s?.lastClient?.median),
    ms(s?.lastClient?.p95),
    ms(s?.lastClient?.max),
    `${ms(s?.perClient?.median)} / ${ms(s?.perClient?.p95)}`,
    `${ms(s?.ownProcess?.median)} / ${ms(s?.ownProcess?.p95)}`,
    `${ms(s?.processesHeldUp?.median)} / ${ms(s?.processesHeldUp?.p95)}`,
    target ?? '',
  ];
  const propagation = table(
    ['layout', 'last client p50', 'p95', 'max', 'each client p50 / p95', 'own process p50 / p95', 'processes held up p50 / p95', `target: p95 < ${ms(t.propagationP95Ms)}`],
    [
      row('each lists one node', p.split, verdict(t.propagationMet, p.split?.lastClient?.p95, t.propagationP95Ms)),
      row('both nodes listed', p.both, verdict(t.propagationBothMet, p.both?.lastClient?.p95, t.propagationP95Ms)),
      row('node 2 alone, after the kill', p.afterKill),
    ],
  );
  const late = ['split', 'both', 'afterKill'].map((key) => p[key]?.missedArrivals ?? 0).reduce((a, b) => a + b, 0);
  const propagationVerdict = `${where(relay)} Rooms kept in ${relay.store}. The last command post had an entry after ${ms(p.split?.lastClient?.median)} at the median and ${ms(p.split?.lastClient?.p95)} at p95 with each listing one node (target ${verdict(t.propagationMet, p.split?.lastClient?.p95, t.propagationP95Ms)}), and after ${ms(p.both?.lastClient?.median)} and ${ms(p.both?.lastClient?.p95)} with both nodes listed (target ${verdict(t.propagationBothMet, p.both?.lastClient?.p95, t.propagationP95Ms)}). A command post with a process of its own had it after ${ms(p.split?.ownProcess?.median)} and ${ms(p.split?.ownProcess?.p95)} (one node), ${ms(p.both?.ownProcess?.median)} and ${ms(p.both?.ownProcess?.p95)} (both), 40 ms of it the app's batching; the rest of the tail is the command posts' processes being held up, at most ${ms(p.both?.processesHeldUp?.max)} in one round.${late ? ` ${num(late)} arrivals came later than ${ms(p.roundLimitMs)};` : ''} ${relay.missingAtEnd ? `At the end, ${num(relay.missingAtEnd)} command posts still lacked an entry.` : `${late ? 'none was lost: at' : 'At'} the end every command post held every entry written.`}`;

  const node = (i) => relay.memory?.nodes?.[i] ?? {};
  const others = table(
    ['measure', 'median', 'p95', 'min', 'max'],
    [
      ['newcomer: start to every entry in its doc', ms(n.ms?.median), ms(n.ms?.p95), ms(n.ms?.min), ms(n.ms?.max)],
      ['newcomer: start to admitted', ms(n.admittedMs?.median), ms(n.admittedMs?.p95), ms(n.admittedMs?.min), ms(n.admittedMs?.max)],
      ['newcomer: start to the room received (then opened and applied)', ms(n.roomReceivedMs?.median), ms(n.roomReceivedMs?.p95), ms(n.roomReceivedMs?.min), ms(n.roomReceivedMs?.max)],
      ['floor: the same bytes over a plain WebSocket, applied', ms(n.floorMs?.median), ms(n.floorMs?.p95), ms(n.floorMs?.min), ms(n.floorMs?.max)],
      ['of the floor, the apply', ms(n.floorApplyMs?.median), ms(n.floorApplyMs?.p95), ms(n.floorApplyMs?.min), ms(n.floorApplyMs?.max)],
    ],
  );
  const memory = table(
    ['node', 'started', 'room and clients, each listing one node', 'room and clients, both listed', 'peak'],
    [0, 1].map((i) => [`node ${i + 1}`, `${num(node(i).idleMB)} MB`, `${num(node(i).splitMB)} MB`, `${num(node(i).bothMB)} MB`, `${num(node(i).peakMB)} MB`]),
  );
  const received = n.bytesReceived?.length ? n.bytesReceived[Math.floor(n.bytesReceived.length / 2)] : undefined;
  const rest = `A newcomer held the incident ${ms(n.ms?.median)} after it started (median; the first ${ms(n.runs?.[0])}), having received ${bytes(received)}; the floor moved and applied the same incident in ${ms(n.floorMs?.median)}: ${ratio(n.ratioToFloor)} the floor. The nodes held ${num(node(0).idleMB)} and ${num(node(1).idleMB)} MB started, ${num(node(0).splitMB)} and ${num(node(1).splitMB)} MB with the room and ${num(relay.clients / 2)} command posts each, ${num(node(0).bothMB)} and ${num(node(1).bothMB)} MB with all ${num(relay.clients)} on both; the command posts' processes held ${(relay.memory?.clientProcessesMB ?? []).map((v) => `${num(v)} MB`).join(' and ')}. With node 1 killed, the entry written at once reached every other command post after ${ms(k.deliveredMs)}, and every command post counted node 1 down and was synced with node 2 after ${ms(k.upAndSyncedMs)}: converged in ${ms(k.convergedMs)}, target ${t.convergeMet ? 'met' : 'missed'}${k.notDelivered || k.notConverged ? ` (${num(k.notDelivered)} never had the entry, ${num(k.notConverged)} never converged within the limit)` : ''}.${closed(relay.closes)}${logged(relay.logged)}`;
  return paragraphs('## The relay cluster', explanation, propagationVerdict, propagation, rest, others, memory);
}
