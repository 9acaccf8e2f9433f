/**
 * Horizontal bar charts in SVG, one bar per position, stacked when several series: drawn to the
 * width of the page (viewBox), with a title and a description for screen readers; the page puts
 * the same numbers in a table next to it.
 */
import { useEffect, useId, useRef, useState } from 'react';

export interface Series {
  key: string;
  label: string;
  color: string;
}

export interface BarRow {
  label: string;
  /** Value of each series, by key. */
  values: Record<string, number>;
  /** Text after the bar. */
  note?: string;
}

function ticks(max: number): number[] {
  const target = Math.max(max, 1) / 5;
  const mag = 10 ** Math.floor(Math.log10(target));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= target) ?? 10 * mag);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const out: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) out.push(v);
  return out;
}

const nf = new Intl.NumberFormat('fr-FR');

export function BarChart({ title, desc, series, rows }: { title: string; desc: string; series: Series[]; rows: BarRow[] }) {
  const id = useId().replace(/:/g, '');
  // Drawn at the width it is shown at, so that its text keeps the size of the page's text.
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(560);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.round(Math.max(260, Math.min(704, el.clientWidth || 560))));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const rowH = 26;
  const barH = 16;
  const labelW = Math.min(width < 400 ? 110 : 170, Math.max(40, ...rows.map((r) => r.label.length * 7.4 + 12)));
  const notes = rows.map((r) => r.note ?? nf.format(series.reduce((s, x) => s + (r.values[x.key] ?? 0), 0)));
  const valueW = Math.max(34, ...notes.map((n) => n.length * 7 + 10));
  const max = Math.max(0, ...rows.map((r) => series.reduce((s, x) => s + (r.values[x.key] ?? 0), 0)));
  const axis = ticks(max);
  const axisMax = axis[axis.length - 1]!;
  const x0 = labelW;
  const x1 = width - valueW;
  const x = (v: number) => x0 + (axisMax === 0 ? 0 : (v / axisMax) * (x1 - x0));
  const top = 8;
  const plotH = rows.length * rowH;
  const height = top + plotH + 26;
  const maxChars = Math.floor((labelW - 12) / 7.4);
  const cut = (s: string) => (s.length > maxChars ? `${s.slice(0, maxChars - 1)}…` : s);
  return (
    <figure className="chart" ref={ref}>
      {series.length > 1 || series[0]?.label ? (
        <ul className="legend" aria-hidden="true">
          {series.map((s) => (
            <li key={s.key}>
              <span className="swatch" style={{ background: s.color }} />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${id}-t ${id}-d`} fontSize="13" fontFamily="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        {axis.map((v) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={top - 4} y2={top + plotH} stroke={v === 0 ? '#6b7280' : '#d7dbdf'} strokeWidth="1" />
            <text x={x(v)} y={top + plotH + 17} textAnchor="middle" fill="#1b1f24" fontSize="12">
              {nf.format(v)}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = top + i * rowH + (rowH - barH) / 2;
          let sum = 0;
          return (
            <g key={`${r.label}-${i}`}>
              <text x={x0 - 8} y={y + barH - 3} textAnchor="end" fill="#1b1f24">
                {cut(r.label)}
              </text>
              {series.map((s) => {
                const v = r.values[s.key] ?? 0;
                const from = x(sum);
                sum += v;
                const w = x(sum) - from;
                return w > 0 ? (
                  <rect key={s.key} x={from} y={y} width={w} height={barH} fill={s.color}>
                    <title>{`${r.label} : ${nf.format(v)}${s.label ? ` (${s.label})` : ''}`}</title>
                  </rect>
                ) : null;
              })}
              <text x={x(sum) + 5} y={y + barH - 3} fill="#1b1f24" fontSize="12">
                {notes[i]}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
