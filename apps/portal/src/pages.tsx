import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { ApiError, get } from './api';
import type { CarbonReport, Caller, DestructionCertificate, Device, Ledger, Takeback, TakebackSummary } from './api';
import { MonthlyChart } from './chart';
import { band, date, kg } from './format';

type Load<T> = { data?: T; error?: ApiError };

/** A GET that re-runs when its path changes; a 404 on a carbon route means "no figures yet", not a failure. */
function useGet<T>(path: string | null): Load<T> {
  const [state, setState] = useState<Load<T>>({});
  useEffect(() => {
    if (!path) return;
    let live = true;
    setState({});
    get<T>(path).then(
      (data) => live && setState({ data }),
      (error: ApiError) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [path]);
  return state;
}

function Loading<T>({ load, children, what }: { load: Load<T>; what: string; children: (data: T) => ComponentChildren }) {
  if (load.error?.status === 404) return <p class="note">No {what} yet.</p>;
  if (load.error) return <p role="alert">{`Could not load ${what}: ${load.error.message}`}</p>;
  if (!load.data) return <p aria-busy="true">Loading {what}…</p>;
  return <>{children(load.data)}</>;
}

function Totals({ report }: { report: CarbonReport }) {
  return (
    <dl class="totals" data-testid="carbon-totals">
      <div>
        <dt>Inventory (your Scope 3 share)</dt>
        <dd data-kg={report.totals.inventory.kg}>{band(report.totals.inventory)}</dd>
      </div>
      <div>
        <dt>Avoided emissions</dt>
        <dd data-kg={report.totals.avoided.kg}>{band(report.totals.avoided)}</dd>
      </div>
      <div>
        <dt>Offsets retired (reported apart, never subtracted)</dt>
        <dd data-t={report.totals.offsetsRetired.tCo2e}>{report.totals.offsetsRetired.tCo2e} t CO2e</dd>
      </div>
      <div>
        <dt>Units</dt>
        <dd>{report.units}</dd>
      </div>
    </dl>
  );
}

function ByClass({ report }: { report: CarbonReport }) {
  return (
    <table data-testid="by-class">
      <caption>By device class</caption>
      <thead>
        <tr>
          <th scope="col">Class</th>
          <th scope="col">Units</th>
          <th scope="col">Inventory</th>
          <th scope="col">Avoided</th>
        </tr>
      </thead>
      <tbody>
        {report.byClass.map((c) => (
          <tr key={c.deviceClass}>
            <th scope="row">{c.deviceClass}</th>
            <td>{c.units}</td>
            <td>{band(c.inventory)}</td>
            <td>{band(c.avoided)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Labels({ report }: { report: CarbonReport }) {
  return (
    <p class="note">
      Factor sets: {report.factorSets.join(', ') || '—'}. {report.labels.carbonNeutralClaimAllowed ? '' : 'No “carbon neutral” claim: '}
      {report.labels.reason}
    </p>
  );
}

export function Overview({ caller }: { caller: Caller }) {
  const [year, setYear] = useState(new Date().getUTCFullYear());
  const takebacks = useGet<{ items: TakebackSummary[] }>('/takebacks?limit=200');
  const report = useGet<CarbonReport>(`/carbon/reports/customers/${caller.organisationId}?year=${year}`);
  return (
    <>
      <h1>Your impact</h1>
      <section aria-labelledby="carbon-heading">
        <h2 id="carbon-heading">Carbon figures for {year}</h2>
        <label>
          Year{' '}
          <select value={year} onChange={(e) => setYear(Number((e.target as HTMLSelectElement).value))}>
            {[0, 1, 2, 3].map((back) => {
              const y = new Date().getUTCFullYear() - back;
              return <option value={y}>{y}</option>;
            })}
          </select>
        </label>
        <Loading load={report} what="carbon figures">
          {(r) => (
            <>
              <Totals report={r} />
              <MonthlyChart months={r.byMonth ?? []} />
              <ByClass report={r} />
              <Labels report={r} />
              <p>
                <a href={`/carbon/reports/customers/${caller.organisationId}?year=${year}&format=pdf`} download>
                  Download the {year} impact report (PDF)
                </a>{' '}
                ·{' '}
                <a href={`/carbon/reports/customers/${caller.organisationId}?year=${year}&format=csv`} download>
                  CSV
                </a>
              </p>
            </>
          )}
        </Loading>
      </section>
      <section aria-labelledby="takebacks-heading">
        <h2 id="takebacks-heading">Your takebacks</h2>
        <Loading load={takebacks} what="takebacks">
          {(page) => (
            <table data-testid="takebacks">
              <thead>
                <tr>
                  <th scope="col">Takeback</th>
                  <th scope="col">Site</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expected</th>
                  <th scope="col">Received</th>
                </tr>
              </thead>
              <tbody>
                {[...page.items]
                  .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
                  .map((t) => (
                    <tr key={t.id}>
                      <th scope="row">
                        <a href={`#/takebacks/${t.id}`}>{t.id.slice(0, 8)}</a>
                      </th>
                      <td>{t.site}</td>
                      <td>{date(t.createdAt)}</td>
                      <td>{t.expected}</td>
                      <td>{t.received}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
        </Loading>
      </section>
    </>
  );
}

export function TakebackPage({ id }: { id: string }) {
  const takeback = useGet<Takeback>(`/takebacks/${id}`);
  const devices = useGet<{ items: Device[] }>(`/devices?takeback=${id}&limit=200`);
  const certificate = useGet<DestructionCertificate>(`/takebacks/${id}/certificate-of-destruction`);
  const carbon = useGet<CarbonReport>(`/carbon/reports/takebacks/${id}`);
  return (
    <>
      <p>
        <a href="#/">← All takebacks</a>
      </p>
      <h1>Takeback {id.slice(0, 8)}</h1>
      <Loading load={takeback} what="takeback">
        {(t) => (
          <p>
            Site {t.site}, created {date(t.createdAt)}: {t.received} of {t.expected} units received.
          </p>
        )}
      </Loading>
      <section aria-labelledby="destruction-heading">
        <h2 id="destruction-heading">Data destruction</h2>
        <Loading load={certificate} what="certificate of data destruction">
          {(c) => (
            <>
              <p data-testid="destruction-summary">
                {c.summary.media} media: {c.summary.wiped} wiped, {c.summary.destroyed} destroyed, {c.summary.pending} pending.
              </p>
              <p>
                <a class="button" href={`/takebacks/${id}/certificate-of-destruction?format=pdf`} download data-testid="certificate-link">
                  Download the certificate of data destruction (PDF)
                </a>
              </p>
            </>
          )}
        </Loading>
      </section>
      <section aria-labelledby="carbon-heading">
        <h2 id="carbon-heading">Carbon figures</h2>
        <Loading load={carbon} what="carbon figures">
          {(r) => (
            <>
              <Totals report={r} />
              <ByClass report={r} />
              <Labels report={r} />
            </>
          )}
        </Loading>
      </section>
      <section aria-labelledby="units-heading">
        <h2 id="units-heading">Units</h2>
        <Loading load={devices} what="units">
          {(page) => (
            <table data-testid="units">
              <thead>
                <tr>
                  <th scope="col">Serial</th>
                  <th scope="col">Model</th>
                  <th scope="col">Class</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">
                      <a href={`#/devices/${d.id}`}>{d.serial}</a>
                    </th>
                    <td>
                      {d.brand} {d.model}
                    </td>
                    <td>{d.deviceClass}</td>
                    <td>{d.lifecycle.state}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Loading>
      </section>
    </>
  );
}

export function DevicePage({ id }: { id: string }) {
  const device = useGet<Device>(`/devices/${id}`);
  const ledger = useGet<Ledger>(`/carbon/devices/${id}/ledger`);
  return (
    <>
      <Loading load={device} what="unit">
        {(d) => (
          <>
            <p>{d.lifecycle.takebackId && <a href={`#/takebacks/${d.lifecycle.takebackId}`}>← Takeback</a>}</p>
            <h1>
              {d.brand} {d.model} <small>{d.serial}</small>
            </h1>
            <p>
              Class {d.deviceClass}, state {d.lifecycle.state}.
            </p>
          </>
        )}
      </Loading>
      <section aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Carbon ledger</h2>
        <Loading load={ledger} what="carbon ledger">
          {(l) => (
            <>
              <p>
                Inventory {band(l.totals.inventory)}; avoided {band(l.totals.avoided)}; offsets allocated {l.totals.offsetsAllocated.tCo2e}{' '}
                t CO2e.
              </p>
              <table data-testid="ledger">
                <thead>
                  <tr>
                    <th scope="col">Kind</th>
                    <th scope="col">kg CO2e</th>
                    <th scope="col">Band</th>
                    <th scope="col">Factor set</th>
                    <th scope="col">Source</th>
                    <th scope="col">Recorded</th>
                  </tr>
                </thead>
                <tbody>
                  {l.entries.map((e) => (
                    <tr key={e.id}>
                      <th scope="row">{e.kind}</th>
                      <td>{kg(e.amount.kg)}</td>
                      <td>
                        {kg(e.amount.low)}–{kg(e.amount.high)}
                      </td>
                      <td>{e.factorSet}</td>
                      <td>
                        {e.source.row ?? (e.source.classDefault ? `class default: ${e.source.classDefault}` : '—')}
                        {e.source.url && (
                          <>
                            {' '}
                            <a href={e.source.url} rel="noopener noreferrer" target="_blank">
                              source
                            </a>
                          </>
                        )}
                      </td>
                      <td>{date(e.recordedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Loading>
      </section>
    </>
  );
}
