// A page for a domain that is not built yet: its name, an "in development" badge and what will be there.
import { useTranslation } from 'react-i18next';
import type { PlaceholderKey } from './navigation.js';

export function PlaceholderPage({ page }: { page: PlaceholderKey }) {
  const { t } = useTranslation();
  return (
    <section className="page placeholder-page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t(`nav.${page}`)}</h1>
        <span className="badge badge-dev">{t('placeholder.badge')}</span>
      </header>
      <p className="lead">{t(`placeholder.${page}`)}</p>
    </section>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p><a href="/">{t('notFound.home')}</a></p>
    </section>
  );
}
