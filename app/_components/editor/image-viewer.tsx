"use client";

import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from "react";

export interface ImageViewerHandle {
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
  actualSize(): void;
}

const MIN_ZOOM = 1;
const MAX_ZOOM = 8;
const STEP = 1.25;
const PAN_STEP = 48;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * The item's image: fitted to the panel, zoom 1–8× (wheel, +/-, buttons), pan by dragging or with
 * the arrow keys when focused, 0 = fit, 1 = one image pixel per screen pixel.
 */
export function ImageViewer({ src, width, height, alt, ref }: { src: string | null; width: number; height: number; alt: string; ref?: Ref<ImageViewerHandle> }) {
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  const [zoom, setZoom] = useState(1);
  const [pan, setPan] = useState({ x: 0, y: 0 });
  const [failed, setFailed] = useState(false);
  const drag = useRef<{ x: number; y: number; id: number } | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setSize({ w: entry.contentRect.width, h: entry.contentRect.height }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const fitScale = size.w > 0 && width > 0 ? Math.min(size.w / width, size.h / height) : 1;
  const scale = fitScale * zoom;

  /** Keeps at least a quarter of the image in view. */
  const clampPan = useCallback(
    (p: { x: number; y: number }, s: number) => {
      const maxX = Math.max(0, (width * s) / 2 + size.w / 4);
      const maxY = Math.max(0, (height * s) / 2 + size.h / 4);
      return { x: clamp(p.x, -maxX, maxX), y: clamp(p.y, -maxY, maxY) };
    },
    [width, height, size.w, size.h],
  );

  /** Zooms to `next` (1 = fit; below 1 only to show a small image at 1:1), keeping the point under the cursor still. */
  const zoomTo = useCallback(
    (next: number, at = { x: 0, y: 0 }) => {
      const z = clamp(next, Math.min(MIN_ZOOM, 1 / fitScale), MAX_ZOOM);
      const ratio = z / zoom;
      setZoom(z);
      setPan((p) => (z <= MIN_ZOOM ? { x: 0, y: 0 } : clampPan({ x: at.x - (at.x - p.x) * ratio, y: at.y - (at.y - p.y) * ratio }, fitScale * z)));
    },
    [clampPan, fitScale, zoom],
  );

  useImperativeHandle(
    ref,
    () => ({
      zoomIn: () => zoomTo(zoom * STEP),
      zoomOut: () => zoomTo(zoom / STEP),
      fit: () => zoomTo(1),
      actualSize: () => zoomTo(1 / fitScale),
    }),
    [zoom, zoomTo, fitScale],
  );

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // Non-passive, so the page does not scroll while zooming.
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      const at = { x: e.clientX - rect.left - rect.width / 2, y: e.clientY - rect.top - rect.height / 2 };
      zoomTo(zoom * Math.exp(-e.deltaY * 0.0015), at);
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [zoom, zoomTo]);

  const label = zoom === 1 ? "Fit" : `${(scale >= 0.995 && scale <= 1.005 ? 1 : scale).toFixed(scale < 1 ? 2 : 1)}×`;
  const w = width * scale;
  const h = height * scale;

  return (
    <div className="flex flex-col gap-2">
      <div
        ref={box}
        tabIndex={0}
        role="img"
        aria-label={`${alt}. Zoom ${label}. Use + and − to zoom, 0 to fit, 1 for actual size, arrow keys to pan.`}
        data-testid="image-viewer"
        data-zoom={zoom.toFixed(2)}
        className="relative h-[22rem] cursor-grab touch-none overflow-hidden rounded-lg bg-slate-900 select-none active:cursor-grabbing xl:h-[28rem]"
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          drag.current = { x: e.clientX, y: e.clientY, id: e.pointerId };
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (!d || d.id !== e.pointerId) return;
          const [dx, dy] = [e.clientX - d.x, e.clientY - d.y];
          drag.current = { ...d, x: e.clientX, y: e.clientY };
          setPan((p) => clampPan({ x: p.x + dx, y: p.y + dy }, scale));
        }}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        onKeyDown={(e) => {
          const moves: Record<string, [number, number]> = { ArrowLeft: [PAN_STEP, 0], ArrowRight: [-PAN_STEP, 0], ArrowUp: [0, PAN_STEP], ArrowDown: [0, -PAN_STEP] };
          const move = moves[e.key];
          if (!move || e.altKey || e.ctrlKey || e.metaKey) return;
          e.preventDefault();
          setPan((p) => clampPan({ x: p.x + move[0], y: p.y + move[1] }, scale));
        }}
      >
        {src && !failed ? (
          // eslint-disable-next-line @next/next/no-img-element -- served by our own image route, sized by the viewer
          <img
            src={src}
            alt=""
            draggable={false}
            onError={() => setFailed(true)}
            className="pointer-events-none absolute max-w-none"
            style={{ width: w, height: h, left: size.w / 2 - w / 2 + pan.x, top: size.h / 2 - h / 2 + pan.y }}
          />
        ) : (
          <p className="absolute inset-0 flex items-center justify-center p-6 text-center text-sm text-slate-300">Image unavailable ({alt})</p>
        )}
      </div>
      <div className="flex items-center gap-1 text-sm" aria-label="Zoom">
        <ViewerButton label="Zoom out (−)" onClick={() => zoomTo(zoom / STEP)} disabled={zoom <= Math.min(MIN_ZOOM, 1 / fitScale)}>
          −
        </ViewerButton>
        <ViewerButton label="Zoom in (+)" onClick={() => zoomTo(zoom * STEP)} disabled={zoom >= MAX_ZOOM}>
          +
        </ViewerButton>
        <ViewerButton label="Fit (0)" onClick={() => zoomTo(1)}>
          Fit
        </ViewerButton>
        <ViewerButton label="Actual size (1)" onClick={() => zoomTo(1 / fitScale)}>
          1:1
        </ViewerButton>
        <span className="ml-2 tabular-nums text-slate-600" data-testid="zoom-label">
          {label}
        </span>
        <span className="ml-auto truncate text-xs text-slate-500">
          {width}×{height}
        </span>
      </div>
    </div>
  );
}

function ViewerButton({ label, onClick, disabled, children }: { label: string; onClick: () => void; disabled?: boolean; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      className="min-w-9 rounded-md border border-slate-300 bg-white px-2 py-1 font-medium text-slate-700 hover:bg-slate-50 disabled:text-slate-300"
    >
      {children}
    </button>
  );
}
