/** The discovery section of bench/README.md, from the `discovery` section of bench/results.json. */
import { ms, num, paragraphs, table, verdict, where } from './format.mjs';

export function discoverySection(discovery) {
  if (!discovery) return '';
  const m = discovery.measures ?? {};
  const f = discovery.floor ?? {};
  const r = discovery.ratios ?? {};
  const t = discovery.target ?? {};
  const explanation = `**What it times** (\`bench/discovery.mjs\`, alone with \`npm run bench:discovery\`; \`BENCH_DISCOVERY_ROUNDS\`): command posts finding each other on a LAN for real, ${num(discovery.rounds)} runs of \`test/unit/main/discovery-lan.test.ts\`: three network namespaces on one bridge with no route anywhere else, each running the desktop app's discovery and signaling under Node with the real mDNS library. From the moment an incident is shared to its entry in the other machines' lists; a request to join reaching the sharing machine, and admitted (the test clicks at once); a machine that leaves gone from the others' lists, after its goodbye and after being killed without one. **Floor:** one UDP datagram between two of the namespaces over the same bridge. **Targets** (issue 23): seen within ${ms(t.seenMs)}, gone within ${ms(t.goneMs)}.`;
  const figures = table(
    ['measure', 'median', 'max', 'against the floor'],
    [
      ['a share seen by the others', ms(m.seen?.median), ms(m.seen?.max), `${num(r.seen)}×`],
      ['a request to join reaches the sharing machine', ms(m.knockReaches?.median), ms(m.knockReaches?.max), `${num(r.knockReaches)}×`],
      ['… and is admitted', ms(m.knockAdmitted?.median), ms(m.knockAdmitted?.max), `${num(r.knockAdmitted)}×`],
      ['gone after its goodbye', ms(m.goneAfterGoodbye?.median), ms(m.goneAfterGoodbye?.max), `${num(r.goneAfterGoodbye)}×`],
      ['gone when killed (no goodbye)', ms(m.goneWhenKilled?.median), ms(m.goneWhenKilled?.max), `${num(r.goneWhenKilled)}×`],
      ['floor: a UDP datagram, one way', ms(f.median), ms(f.max), '1×'],
    ],
  );
  const verdicts = `${where(discovery)} A share was in the other lists after ${ms(m.seen?.median)} at the median, ${ms(m.seen?.max)} at worst (target ${verdict(t.seenMet, m.seen?.max, t.seenMs)}): the network itself takes ${ms(f.median)}, the rest is mDNS announcing and the list being pushed. A machine that said goodbye was gone after ${ms(m.goneAfterGoodbye?.max)} at worst; one killed, after ${ms(m.goneWhenKilled?.max)} at worst (target ${verdict(t.goneMet, m.goneWhenKilled?.max, t.goneMs)}), which is the rule main applies, not the network: it asks again every 2 s while a list is open and forgets a machine not heard for 7 s, since the library would otherwise keep it for its records' 8-hour lifetime.`;
  return paragraphs('## Finding command posts on the LAN', explanation, verdicts, figures);
}
