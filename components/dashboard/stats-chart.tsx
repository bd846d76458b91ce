import { formatWordCount } from "@/lib/i18n/format";

type Point = { label: string; value: number };

type Props = {
  /** Unique on the page: ties the title and description to the image. */
  id: string;
  title: string;
  description: string;
  points: Point[];
  kind: "bar" | "line";
};

// The text size is set in viewBox units by globals.css, larger as the chart's box narrows, so the
// geometry leaves room for the largest labels (about 19 units).
const WIDTH = 480;
const HEIGHT = 200;
const PAD = { top: 14, right: 14, bottom: 34, left: 56 };

/** A round upper bound for the axis: 1, 2 or 5 times a power of ten. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/**
 * A server-rendered SVG chart of one series per day. The SVG is an image with a title and a
 * description; the same numbers are in the table next to it for screen readers and copying.
 */
export function StatsChart({ id, title, description, points, kind }: Props) {
  const max = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const step = points.length > 0 ? innerW / points.length : innerW;
  const x = (i: number) => PAD.left + i * step + step / 2;
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const labelEvery = Math.max(1, Math.ceil(points.length / 5));
  return (
    <svg
      className="stats-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <g className="stats-chart-axis">
        <line x1={PAD.left} y1={PAD.top + innerH} x2={WIDTH - PAD.right} y2={PAD.top + innerH} />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={PAD.top + innerH} />
        <text x={PAD.left - 6} y={PAD.top + 6} textAnchor="end">
          {formatWordCount(max)}
        </text>
        <text x={PAD.left - 6} y={PAD.top + innerH} textAnchor="end">
          0
        </text>
        {points.map((p, i) =>
          i % labelEvery === 0 ? (
            <text key={p.label} x={x(i)} y={HEIGHT - 10} textAnchor="middle">
              {p.label.slice(5)}
            </text>
          ) : null,
        )}
      </g>
      {kind === "bar" ? (
        <g className="stats-chart-bars">
          {points.map((p, i) => (
            <rect
              key={p.label}
              x={x(i) - step * 0.35}
              y={y(p.value)}
              width={step * 0.7}
              height={PAD.top + innerH - y(p.value)}
            />
          ))}
        </g>
      ) : (
        <polyline
          className="stats-chart-line"
          fill="none"
          points={points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ")}
        />
      )}
    </svg>
  );
}
