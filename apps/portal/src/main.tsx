import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, login, logout } from './api';
import type { Caller } from './api';
import { DevicePage, Overview, TakebackPage } from './pages';
import './styles.css';

const useHash = () => {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return hash;
};

function Login({ onLogin }: { onLogin: (caller: Caller) => void }) {
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const key = (form.elements.namedItem('apiKey') as HTMLInputElement).value;
    try {
      onLogin((await login(key)).caller);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Sign-in failed.');
    }
  };
  return (
    <main id="main" class="login">
      <h1>Recert impact portal</h1>
      <form onSubmit={submit} aria-describedby="login-help">
        <label for="apiKey">API key</label>
        <input id="apiKey" name="apiKey" type="password" autocomplete="current-password" required maxLength={200} />
        <p id="login-help" class="note">
          Your organisation&apos;s administrator gives you a personal API key. It is exchanged once for a session that ends after 8 hours
          without use.
        </p>
        {error && <p role="alert">{error}</p>}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}

function App() {
  const [caller, setCaller] = useState<Caller | null | undefined>(undefined);
  const hash = useHash();
  useEffect(() => {
    get<Caller>('/me').then(setCaller, () => setCaller(null));
  }, []);
  if (caller === undefined) return <p aria-busy="true">Loading…</p>;
  if (caller === null) return <Login onLogin={setCaller} />;
  const takeback = /^#\/takebacks\/([0-9a-f-]{36})$/.exec(hash);
  const device = /^#\/devices\/([0-9a-f-]{36})$/.exec(hash);
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <header>
        <a href="#/" class="brand">
          Recert impact portal
        </a>
        <button type="button" onClick={() => logout().finally(() => setCaller(null))}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {takeback ? <TakebackPage id={takeback[1]} /> : device ? <DevicePage id={device[1]} /> : <Overview caller={caller} />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
