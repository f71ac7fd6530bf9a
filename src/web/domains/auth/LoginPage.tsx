// Sign-in: username and password; the server's problem detail is shown on failure (e.g. a locked account).
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.js';
import { LanguageSwitch } from '../../app/LanguageSwitch.js';
import { FormError } from '../../ui/PageState.js';

export function LoginPage() {
  const { t } = useTranslation();
  const { session, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';

  if (session && !busy) return <Navigate to={target} replace />;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login({ username: username.trim(), password });
      void navigate(target, { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-screen">
      <header className="login-top">
        <span className="product-name">{t('app.productName')}</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="login-main">
        <form className="card login-card" onSubmit={(event) => void onSubmit(event)} aria-labelledby="login-title" noValidate>
          <h1 id="login-title">{t('login.title')}</h1>
          <p className="muted">{t('login.intro')}</p>
          <div className="field">
            <label htmlFor="login-username">{t('login.username')}</label>
            <input id="login-username" name="username" className="input" autoComplete="username" required autoFocus
              value={username} onChange={(event) => setUsername(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input id="login-password" name="password" type="password" className="input" autoComplete="current-password" required
              value={password} onChange={(event) => setPassword(event.target.value)} />
          </div>
          <FormError error={error} />
          <button type="submit" className="button button-primary" disabled={busy || !username || !password}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
