import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { EVENT_KIND_LABELS, type TimelineEvent } from '../../../shared/incident';
import { formatTime, zoneName } from '../../components/format';

/** The height of a one-line row (see .event in styles.css); taller rows are measured. */
const ROW_ESTIMATE = 35;

/**
 * The timeline, newest last. Virtualized: an incident of 20,000 events
 * renders the few dozen rows on screen, so opening it and typing stay fast.
 * It follows new events while the reader is at the bottom and stays put
 * while they read further up.
 */
export function Timeline({
  events,
  total = events.length,
  refused,
}: {
  events: readonly TimelineEvent[];
  total?: number;
  /** Org changes that did not take effect (a concurrent change won): event id → why. */
  refused?: ReadonlyMap<string, string>;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  // Stable between renders of the same events: the virtualizer recomputes the
  // layout of every row (20,000 of them) whenever getItemKey changes identity,
  // which would otherwise be on every render, every scroll frame included.
  const getItemKey = useCallback((index: number) => events[index]?.id ?? index, [events]);
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 6,
    getItemKey,
    // The timeline opens at the bottom (see below); starting there spares
    // rendering and measuring the first rows only to scroll away from them.
    initialOffset: () => (atBottom.current ? events.length * ROW_ESTIMATE : 0),
  });

  useLayoutEffect(() => {
    if (atBottom.current && events.length) virtualizer.scrollToIndex(events.length - 1, { align: 'end' });
  }, [events.length, virtualizer]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  const zone = zoneName(events[0]?.at);
  return (
    <div className="timeline" ref={scroller} role="log" aria-label={`Timeline, ${total} events, times in ${zone}`} tabIndex={0}>
      <ol style={{ height: virtualizer.getTotalSize() }} className="timeline-rows">
        {virtualizer.getVirtualItems().map((item) => {
          const event = events[item.index]!;
          const refusal = refused?.get(event.id);
          return (
            <li
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={`event kind-${event.kind}${refusal ? ' refused' : ''}`}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <EventRow event={event} zone={zone} refusal={refusal} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}

const EventRow = memo(function EventRow({ event, zone, refusal }: { event: TimelineEvent; zone: string; refusal?: string }) {
  const briefing = event.kind === 'org' && event.org.change === 'handover-offer' ? event.org.briefing : null;
  const message = event.kind === 'update' ? event.body : null;
  return (
    <>
      <time dateTime={new Date(event.at).toISOString()} title={`${new Date(event.at).toString()}`}>
        {formatTime(event.at)} <span className="zone">{zone}</span>
      </time>
      <span className="kind">{EVENT_KIND_LABELS[event.kind]}</span>
      <span className="text">
        {event.text}
        {refusal && (
          <span className="refusal">
            <strong>Not applied:</strong> {refusal} (a change made at the same time on another machine came first.)
          </span>
        )}
        {briefing && (
          <details className="event-briefing">
            <summary>Briefing</summary>
            <pre>{briefing}</pre>
          </details>
        )}
        {message && (
          <details className="event-briefing">
            <summary>Message</summary>
            <pre>{message}</pre>
          </details>
        )}
      </span>
      <span className="author">{event.author}</span>
    </>
  );
});
