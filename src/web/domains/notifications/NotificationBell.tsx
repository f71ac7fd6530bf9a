// The bell in the top bar: unread count, the latest notifications, mark read (one / all), follow a link.
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../app/format.js';
import { notificationsQuery, useMarkAllRead, useMarkRead, type NotificationItem } from './notifications.api.js';

export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const list = useQuery(notificationsQuery());
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  useEffect(() => {
    if (!open) return;
    function onDown(event: MouseEvent) {
      if (ref.current && !ref.current.contains(event.target as Node)) setOpen(false);
    }
    function onKey(event: KeyboardEvent) {
      if (event.key === 'Escape') setOpen(false);
    }
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => { document.removeEventListener('mousedown', onDown); document.removeEventListener('keydown', onKey); };
  }, [open]);

  function onItem(item: NotificationItem) {
    if (!item.readAt) markRead.mutate(item.id);
    setOpen(false);
    if (item.link && item.link.startsWith('/') && !item.link.startsWith('//')) void navigate(item.link);
  }

  const label = unread > 0 ? t('notifications.unread', { count: unread }) : t('notifications.none');
  return (
    <div className="notification-bell" ref={ref}>
      <button type="button" className="icon-button bell-button" aria-expanded={open} aria-controls="notification-panel" aria-haspopup="true"
        aria-label={label} title={label} onClick={() => setOpen((o) => !o)} data-testid="notification-bell">
        <svg className="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
        </svg>
        {unread > 0 && <span className="bell-badge" aria-hidden="true" data-testid="notification-count">{unread > 99 ? '99+' : unread}</span>}
      </button>
      {open && (
        <div id="notification-panel" className="notification-panel" role="region" aria-label={t('notifications.title')}>
          <div className="notification-panel-header">
            <h2>{t('notifications.title')}</h2>
            <button type="button" className="button button-small" disabled={unread === 0 || markAll.isPending}
              onClick={() => markAll.mutate()}>{t('notifications.markAll')}</button>
          </div>
          {list.isPending && <p className="muted">{t('app.loading')}</p>}
          {list.isError && <p className="form-error">{t('notifications.loadError')}</p>}
          {list.isSuccess && items.length === 0 && <p className="muted">{t('notifications.empty')}</p>}
          {items.length > 0 && (
            <ul className="notification-list">
              {items.map((item) => (
                <li key={item.id}>
                  <button type="button" className={`notification-item${item.readAt ? '' : ' is-unread'} kind-${item.kind}`} onClick={() => onItem(item)}>
                    <span className="notification-title">
                      {!item.readAt && <span className="visually-hidden">{t('notifications.unreadMark')} </span>}
                      {item.kind === 'escalation' && <span className="badge badge-late">{t('notifications.kind.escalation')}</span>}{' '}
                      {lang.startsWith('en') ? item.titleEn || item.title : item.title}
                    </span>
                    <span className="notification-body">{item.body}</span>
                    <time className="notification-time muted" dateTime={item.createdAt}>{formatDateTime(item.createdAt, lang)}</time>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
