import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Band } from './api';
import { kg } from './format';

export interface MonthFigures {
  month: string;
  inventory: Band;
  avoided: Band;
}

/** Inventory and avoided emissions per month; the table below it holds the same figures for screen readers and tests. */
export function MonthlyChart({ months }: { months: MonthFigures[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current || months.length === 0) return;
    const x = months.map((_, i) => i);
    const plot = new uPlot(
      {
        width: Math.min(760, box.current.clientWidth || 760),
        height: 260,
        scales: { x: { time: false } },
        axes: [{ values: (_u, ticks) => ticks.map((t) => months[t]?.month ?? '') }, { label: 'kg CO2e', size: 70 }],
        series: [
          {},
          { label: 'Inventory (kg)', stroke: '#0b57d0', width: 2, points: { size: 6 } },
          { label: 'Avoided (kg)', stroke: '#137333', width: 2, dash: [6, 4], points: { size: 6 } },
        ],
      },
      [x, months.map((m) => m.inventory.kg), months.map((m) => m.avoided.kg)],
      box.current,
    );
    return () => plot.destroy();
  }, [months]);
  const summary = months.length
    ? `Chart of ${months.length} months from ${months[0].month} to ${months.at(-1)!.month}; the figures are in the table below.`
    : 'No monthly figures yet.';
  return (
    <figure>
      <div
        ref={box}
        role="img"
        aria-label={summary}
        data-testid="monthly-chart"
        data-points={JSON.stringify(months.map((m) => [m.month, m.inventory.kg, m.avoided.kg]))}
      />
      <figcaption>Emissions over time (kg CO2e per month)</figcaption>
      <table data-testid="monthly-table">
        <caption>Figures behind the chart</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Inventory (kg CO2e)</th>
            <th scope="col">Inventory band</th>
            <th scope="col">Avoided (kg CO2e)</th>
            <th scope="col">Avoided band</th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month} data-month={m.month} data-inventory={m.inventory.kg} data-avoided={m.avoided.kg}>
              <th scope="row">{m.month}</th>
              <td>{kg(m.inventory.kg)}</td>
              <td>
                {kg(m.inventory.low)}–{kg(m.inventory.high)}
              </td>
              <td>{kg(m.avoided.kg)}</td>
              <td>
                {kg(m.avoided.low)}–{kg(m.avoided.high)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
