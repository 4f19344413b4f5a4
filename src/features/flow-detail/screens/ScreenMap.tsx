/**
 * The screen map: one SVG node per screen (id, title, error count), edges between them, laid out
 * by dagre; pan by dragging, zoom with the wheel or the buttons. Every screen is in the DOM (after
 * the first paint, which draws the nodes in view), except on maps of more than 400 screens, which
 * draw the nodes in view only.
 */
import { ActionIcon } from '@mantine/core';
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import type { MapLayout, ScreenGraph } from '../../../lib/flow-screens';
import { LAYERED_LAYOUT_MAX, NODE_HEIGHT, NODE_WIDTH } from '../../../lib/flow-screens/layout';
import classes from './ScreenMap.module.css';

export interface ScreenMapProps {
  graph: ScreenGraph;
  /** The graph's layout (`layoutScreenGraph`, computed in the worker). */
  layout: MapLayout;
  selected: number | null;
  onSelect: (screen: number) => void;
  height?: number;
}

/** Width of the map's viewport in SVG units at scale 1. */
const VIEW_WIDTH = 640;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function ScreenMap({ graph, layout, selected, onSelect, height = 320 }: ScreenMapProps) {
  const [view, setView] = useState<{ x: number; y: number; scale: number }>({ x: 0, y: 0, scale: 1 });
  const drag = useRef<{ x: number; y: number; vx: number; vy: number } | null>(null);
  const zoom = (factor: number) => setView((v) => ({ ...v, scale: Math.min(4, Math.max(0.1, v.scale * factor)) }));
  // Scale 1 draws nodes at their size in pixels (readable at any number of screens); "fit" shows all.
  const fit = () => setView({ x: 0, y: 0, scale: Math.min(1, VIEW_WIDTH / Math.max(layout.width, 1), height / Math.max(layout.height, 1)) });
  const vbWidth = VIEW_WIDTH / view.scale;
  const vbHeight = height / view.scale;
  const pan = (dx: number, dy: number) => setView((v) => ({ ...v, x: v.x + dx / v.scale, y: v.y + dy / v.scale }));
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const step = 80;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[event.key];
    if (move && event.target === event.currentTarget) {
      event.preventDefault();
      pan(...move);
    } else if (event.key === '+' || event.key === '=') zoom(1.25);
    else if (event.key === '-') zoom(0.8);
  };

  // A screen selected from elsewhere (an error, the URL): bring its node into view.
  const [shown, setShown] = useState<number | null>(null);
  if (selected !== shown) {
    setShown(selected);
    const at = selected === null ? undefined : layout.nodes[selected];
    const inView = at && at.x >= view.x && at.x <= view.x + vbWidth && at.y >= view.y && at.y <= view.y + vbHeight;
    if (at && !inView) setView({ ...view, x: Math.max(0, at.x - vbWidth / 2), y: Math.max(0, at.y - vbHeight / 2) });
  }

  // The first frame draws only what is in view: a map of 100 screens is some 600 SVG elements, and
  // the map and the shown screen are painted sooner without the nodes nobody sees yet. The others
  // follow in the task after that paint.
  const [allDrawn, setAllDrawn] = useState(false);
  useEffect(() => {
    if (allDrawn) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setAllDrawn(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [allDrawn]);
  // A map of thousands of screens always draws only what is in view (and a node's width around it).
  const culled = layout.nodes.length > LAYERED_LAYOUT_MAX;
  const cull = culled || !allDrawn;
  const inView = (p: { x: number; y: number }) =>
    p.x >= view.x - NODE_WIDTH && p.x <= view.x + vbWidth + NODE_WIDTH && p.y >= view.y - NODE_HEIGHT && p.y <= view.y + vbHeight + NODE_HEIGHT;
  const shownNodes = cull ? layout.nodes.filter(inView) : layout.nodes;
  const shownEdges = cull ? layout.edges.filter((e) => e.points.some(inView)) : layout.edges;

  const onWheel = (event: WheelEvent) => {
    if (!event.ctrlKey && !event.metaKey && !event.altKey) return;
    zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2);
  };
  const onPointerDown = (event: PointerEvent) => {
    if ((event.target as Element).closest('[data-screen-node]')) return;
    drag.current = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y };
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const unit = rect.width > 0 ? vbWidth / rect.width : 1;
    setView((v) => ({ ...v, x: d.vx - (event.clientX - d.x) * unit, y: d.vy - (event.clientY - d.y) * unit }));
  };

  return (
    <div>
      <div className={classes.mapBar}>
        <p className={classes.hint}>
          {graph.nodes.length} {graph.nodes.length === 1 ? 'screen' : 'screens'}
          {culled && ` (${shownNodes.length} in view drawn)`} · drag or arrow keys to pan, Ctrl + wheel, + and − to zoom
        </p>
        <div className={classes.mapButtons}>
          <ActionIcon variant="default" size="sm" aria-label="Zoom in" onClick={() => zoom(1.25)}>
            +
          </ActionIcon>
          <ActionIcon variant="default" size="sm" aria-label="Zoom out" onClick={() => zoom(0.8)}>
            −
          </ActionIcon>
          <ActionIcon variant="default" size="sm" aria-label="Fit the whole map" onClick={fit}>
            <FitIcon />
          </ActionIcon>
        </div>
      </div>
      <svg
        role="group"
        aria-label="Screen map"
        tabIndex={0}
        onKeyDown={onKeyDown}
        width="100%"
        height={height}
        viewBox={`${view.x} ${view.y} ${vbWidth} ${vbHeight}`}
        preserveAspectRatio="xMinYMin meet"
        className={classes.map}
        onWheel={onWheel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerLeave={() => (drag.current = null)}
      >
        <defs>
          <marker id="screen-map-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#868e96" />
          </marker>
        </defs>
        {shownEdges.map((e, i) => (
          <polyline
            key={i}
            points={e.points.map((p) => `${p.x},${p.y}`).join(' ')}
            fill="none"
            stroke="#868e96"
            strokeDasharray={e.to === null ? '5 4' : undefined}
            markerEnd="url(#screen-map-arrow)"
          />
        ))}
        {layout.endpoint && (
          <g transform={`translate(${layout.endpoint.x - NODE_WIDTH / 2} ${layout.endpoint.y - NODE_HEIGHT / 2})`}>
            <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={8} fill="#fff" stroke="#868e96" strokeDasharray="5 4" />
            <text x={10} y={26} fontSize={12} fill="#495057">
              Next screen decided
            </text>
            <text x={10} y={44} fontSize={12} fill="#495057">
              by the endpoint
            </text>
          </g>
        )}
        {shownNodes.map(({ index, x, y }) => {
          const n = graph.nodes[index]!;
          const hasErrors = n.errorCount > 0;
          const isSelected = selected === index;
          const flags = [n.terminal ? 'terminal' : '', n.unreachable ? 'unreachable' : ''].filter(Boolean);
          const errorText = hasErrors ? `${n.errorCount} ${n.errorCount === 1 ? 'error' : 'errors'}` : 'no errors';
          return (
            <g
              key={index}
              data-screen-node={n.id}
              data-error-count={n.errorCount}
              transform={`translate(${x - NODE_WIDTH / 2} ${y - NODE_HEIGHT / 2})`}
              role="button"
              tabIndex={0}
              aria-pressed={isSelected}
              aria-label={`Screen ${n.id}${n.title ? ` (${n.title})` : ''}: ${errorText}${flags.length ? `, ${flags.join(', ')}` : ''}`}
              className={classes.node}
              onClick={() => onSelect(index)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onSelect(index);
                }
              }}
            >
              <rect
                width={NODE_WIDTH}
                height={NODE_HEIGHT}
                rx={8}
                fill={hasErrors ? '#fff5f5' : '#fff'}
                stroke={isSelected ? '#1c7ed6' : hasErrors ? '#e03131' : n.unreachable ? '#f08c00' : '#adb5bd'}
                strokeWidth={isSelected ? 3 : hasErrors ? 2 : 1}
                strokeDasharray={n.unreachable ? '4 3' : undefined}
              />
              <text x={8} y={18} fontSize={12} fontWeight={700} fill="#212529">
                {clip(n.id, 24)}
              </text>
              <text x={8} y={34} fontSize={11} fill="#495057">
                {clip(n.title ?? '(no title)', 28)}
              </text>
              {hasErrors && <WarningIcon />}
              <text x={hasErrors ? 24 : 8} y={52} fontSize={11} fontWeight={hasErrors ? 700 : 400} fill={hasErrors ? '#c92a2a' : '#495057'}>
                {errorText}
                {flags.length > 0 ? ` · ${flags.join(' · ')}` : ''}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/**
 * A warning triangle before a node's error count (with the count in words, never colour alone).
 * Drawn, not "⚠": the fonts a page usually names have no such character, and the browser's search
 * of the system's fonts for it is part of the map's first layout.
 */
function WarningIcon() {
  return (
    <g transform="translate(8 41)" aria-hidden="true">
      <path d="M6 0.5L11.5 11H0.5Z" fill="#c92a2a" />
      <path d="M6 4V7.5M6 9V9.6" stroke="#fff" strokeWidth={1.4} strokeLinecap="round" />
    </g>
  );
}

/**
 * Four corners pointing out. Drawn, not a character: common sans-serif fonts have no "⤢", and the
 * browser's search of every installed font for one took 10-17 ms of the map's first layout.
 */
function FitIcon() {
  return (
    <svg viewBox="0 0 12 12" width={12} height={12} fill="none" stroke="currentColor" strokeWidth={1.5} aria-hidden="true">
      <path d="M1 4.5V1h3.5M7.5 1H11v3.5M11 7.5V11H7.5M4.5 11H1V7.5" />
    </svg>
  );
}
