/** Changes per day as a small bar chart: every bar has its count written and a text alternative. */
export function DayChart({ perDay }: { perDay: readonly { day: string; count: number }[] }) {
  if (perDay.length === 0) return null;
  const max = Math.max(1, ...perDay.map((d) => d.count));
  const barWidth = 28;
  const height = 90;
  const width = perDay.length * barWidth;
  const total = perDay.reduce((s, d) => s + d.count, 0);
  return (
    <figure style={{ margin: 0 }}>
      <svg role="img" aria-labelledby="changes-per-day-title" width={width} height={height + 30} viewBox={`0 0 ${width} ${height + 30}`}>
        <title id="changes-per-day-title">{`Changes per day: ${perDay.map((d) => `${d.day} ${d.count}`).join(', ')}`}</title>
        {perDay.map((d, i) => {
          const h = Math.round((d.count / max) * (height - 14));
          return (
            <g key={d.day}>
              <rect x={i * barWidth + 4} y={height - h} width={barWidth - 8} height={h} fill="var(--mantine-color-blue-6)" />
              <text x={i * barWidth + barWidth / 2} y={height - h - 3} textAnchor="middle" fontSize="10" fill="currentColor">
                {d.count}
              </text>
              <text x={i * barWidth + barWidth / 2} y={height + 14} textAnchor="middle" fontSize="9" fill="currentColor">
                {d.day.slice(8, 10)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption style={{ fontSize: 12 }}>
        {total} {total === 1 ? 'change' : 'changes'} from {perDay[0]?.day} to {perDay[perDay.length - 1]?.day} (day of month under each bar, UTC)
      </figcaption>
    </figure>
  );
}
