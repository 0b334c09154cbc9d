import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode, type RefObject } from 'react';
import { shortcutFor } from '../../components/keys/key-table';
import { useOrgUi } from '../../stores/org-ui';
import { ORG_KEY_TABLE } from './keys';
import { fitScale, stepScale } from './zoom';

interface Size {
  readonly width: number;
  readonly height: number;
}

/** The canvas's padding, which the tree does not get to fill. */
const CANVAS_PADDING = 16;

/**
 * The chart's canvas: the tree scaled to fit it (until someone zooms), and
 * panned by dragging with the mouse, by touch, or with the arrow keys while
 * the canvas itself has focus (on a card they move the selection instead).
 * The scale is a CSS transform on the tree; a sizer around it takes the
 * scaled size, so the canvas scrolls over exactly what is drawn and a
 * selected card scrolls into view as before.
 */
export function ChartCanvas({ children, onKeyDown }: { children: ReactNode; onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void }) {
  const canvas = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const [chosen, setChosen] = useState<number | 'fit'>('fit');
  const [tree, setTree] = useState<Size | null>(null);
  const [room, setRoom] = useState<Size | null>(null);
  const fit = tree && room ? fitScale(tree, room) : 1;
  const scale = chosen === 'fit' ? fit : chosen;
  useMeasure(canvas, content, setTree, setRoom);
  useZoomRequests(scale, setChosen);
  const pan = usePan(canvas);

  return (
    <div className="org-canvas-frame">
      <div
        ref={canvas}
        className="org-chart"
        tabIndex={0}
        role="group"
        aria-label="Chart canvas: arrow keys scroll it, drag to pan"
        onKeyDown={onKeyDown}
        {...pan}
      >
        <div className="org-zoom" style={tree ? { width: tree.width * scale, height: tree.height * scale } : undefined}>
          <div ref={content} className="org-zoom-content" style={{ transform: `scale(${scale})` }}>
            {children}
          </div>
        </div>
      </div>
      <ZoomControls scale={scale} fitted={chosen === 'fit'} />
    </div>
  );
}

function ZoomControls({ scale, fitted }: { scale: number; fitted: boolean }) {
  const zoom = useOrgUi((s) => s.zoom);
  return (
    <div className="zoom-controls" role="group" aria-label="Zoom">
      <button type="button" aria-label="Zoom out" aria-keyshortcuts={shortcutFor(ORG_KEY_TABLE, 'zoom-out')} title="Zoom out (-)" onClick={() => zoom('zoom-out')}>
        −
      </button>
      <span className="zoom-level" aria-live="polite">
        {Math.round(scale * 100)}%
      </span>
      <button type="button" aria-label="Zoom in" aria-keyshortcuts={shortcutFor(ORG_KEY_TABLE, 'zoom-in')} title="Zoom in (+)" onClick={() => zoom('zoom-in')}>
        +
      </button>
      <button type="button" aria-pressed={fitted} aria-keyshortcuts={shortcutFor(ORG_KEY_TABLE, 'fit')} title="Zoom to fit (z)" onClick={() => zoom('fit')}>
        Fit
      </button>
    </div>
  );
}

/** The tree's unscaled size and the canvas's room, as either changes (a role added, the window resized). */
function useMeasure(
  canvas: RefObject<HTMLDivElement | null>,
  content: RefObject<HTMLDivElement | null>,
  setTree: (size: Size) => void,
  setRoom: (size: Size) => void,
) {
  useLayoutEffect(() => {
    const c = canvas.current;
    const t = content.current;
    if (!c || !t) return;
    // offsetWidth and offsetHeight ignore transforms: the tree's own size at scale 1.
    const measure = () => {
      setTree({ width: t.offsetWidth, height: t.offsetHeight });
      setRoom({ width: c.clientWidth - CANVAS_PADDING, height: c.clientHeight - CANVAS_PADDING });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(c);
    observer.observe(t);
    return () => observer.disconnect();
  }, [canvas, content, setTree, setRoom]);
}

/** Carries out the zooms asked for since the canvas mounted (a request from before, another visit to the tab, is not replayed). */
function useZoomRequests(scale: number, setChosen: (chosen: number | 'fit') => void) {
  const request = useOrgUi((s) => s.zoomRequest);
  const handled = useRef(request?.n ?? 0);
  const current = useRef(scale);
  current.current = scale;
  useEffect(() => {
    if (!request || request.n === handled.current) return;
    handled.current = request.n;
    setChosen(request.action === 'fit' ? 'fit' : stepScale(current.current, request.action));
  }, [request, setChosen]);
}

/** Dragging the canvas with the mouse scrolls it; on a card, or any control, a press is a click as usual. Touch scrolls natively. */
function usePan(canvas: RefObject<HTMLDivElement | null>) {
  const drag = useRef<{ x: number; y: number; left: number; top: number } | null>(null);
  return {
    onPointerDown(event: PointerEvent<HTMLDivElement>) {
      const c = canvas.current;
      if (!c || event.pointerType !== 'mouse' || event.button !== 0) return;
      if ((event.target as Element).closest('button, a, input, select, textarea')) return;
      drag.current = { x: event.clientX, y: event.clientY, left: c.scrollLeft, top: c.scrollTop };
      c.setPointerCapture(event.pointerId);
      c.classList.add('panning');
    },
    onPointerMove(event: PointerEvent<HTMLDivElement>) {
      const c = canvas.current;
      const start = drag.current;
      if (!c || !start) return;
      c.scrollLeft = start.left - (event.clientX - start.x);
      c.scrollTop = start.top - (event.clientY - start.y);
    },
    onPointerUp: end,
    onPointerCancel: end,
  };
  function end(event: PointerEvent<HTMLDivElement>) {
    if (!drag.current) return;
    drag.current = null;
    canvas.current?.releasePointerCapture(event.pointerId);
    canvas.current?.classList.remove('panning');
  }
}
