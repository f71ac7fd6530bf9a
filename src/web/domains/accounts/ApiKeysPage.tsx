// API keys: list, create (the secret is shown once with a copy button), revoke.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '../../../shared/contracts/auth.js';
import type { ApiKey } from '../../../shared/contracts/accounts.js';
import { useAuth } from '../../app/auth.js';
import { formatDateTime, vietnamLocalToIso } from '../../app/format.js';
import { useAsOf } from '../../app/url-state.js';
import { CopyButton } from '../../ui/CopyButton.js';
import { DataTable } from '../../ui/DataTable.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError, PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { unitTreeQuery } from '../units/units.api.js';
import { apiKeyListQuery, useCreateApiKey, useRevokeApiKey, type CreatedApiKey } from './accounts.api.js';

type DialogState = { kind: 'create' } | { kind: 'created'; created: CreatedApiKey } | { kind: 'revoke'; apiKey: ApiKey } | null;

export function ApiKeysPage() {
  const { t, i18n } = useTranslation();
  const list = useQuery(apiKeyListQuery());
  const [dialog, setDialog] = useState<DialogState>(null);
  const lang = i18n.language;

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('apiKeys.title')}</h1>
        <div className="toolbar">
          <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'create' })}>{t('apiKeys.create')}</button>
        </div>
      </header>
      <PageState isLoading={list.isPending} error={list.error} onRetry={() => void list.refetch()}>
        <DataTable<ApiKey>
          caption={t('apiKeys.title')}
          rows={list.data?.items ?? []}
          rowKey={(k) => k.id}
          rowClassName={(k) => (k.revokedAt ? 'is-ended' : undefined)}
          columns={[
            { key: 'name', header: t('apiKeys.name'), render: (k) => k.name, sortValue: (k) => k.name },
            { key: 'prefix', header: t('apiKeys.prefix'), render: (k) => <code>{k.prefix}…</code> },
            { key: 'role', header: t('apiKeys.role'), render: (k) => t(`roles.${k.role}`), sortValue: (k) => k.role },
            { key: 'scope', header: t('apiKeys.scopeUnit'), render: (k) => k.scopeUnitName, sortValue: (k) => k.scopeUnitName },
            { key: 'created', header: t('apiKeys.createdAt'), render: (k) => formatDateTime(k.createdAt, lang), sortValue: (k) => k.createdAt },
            { key: 'used', header: t('apiKeys.lastUsed'), render: (k) => formatDateTime(k.lastUsedAt, lang), sortValue: (k) => k.lastUsedAt },
            { key: 'expires', header: t('apiKeys.expiresAt'), render: (k) => formatDateTime(k.expiresAt, lang), sortValue: (k) => k.expiresAt },
            {
              key: 'status', header: t('common.status'),
              render: (k) => (k.revokedAt ? `${t('apiKeys.revoked')} ${formatDateTime(k.revokedAt, lang)}` : t('common.active')),
            },
            {
              key: 'actions', header: t('common.actions'),
              render: (k) => (k.revokedAt ? null : (
                <button type="button" className="button button-small" aria-label={`${t('apiKeys.revoke')} ${k.name}`}
                  onClick={() => setDialog({ kind: 'revoke', apiKey: k })}>{t('apiKeys.revoke')}</button>
              )),
            },
          ]}
        />
      </PageState>
      {dialog?.kind === 'create' && <CreateApiKeyDialog onClose={() => setDialog(null)} onCreated={(created) => setDialog({ kind: 'created', created })} />}
      {dialog?.kind === 'created' && (
        <Dialog open title={t('apiKeys.secretTitle')} onClose={() => setDialog(null)}>
          <div className="secret-box">
            <p className="hint hint-warning">{t('apiKeys.secretOnce')}</p>
            <p><code className="secret" data-testid="api-key-secret">{dialog.created.secret}</code></p>
            <CopyButton text={dialog.created.secret} />
          </div>
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={() => setDialog(null)}>{t('common.done')}</button>
          </div>
        </Dialog>
      )}
      {dialog?.kind === 'revoke' && <RevokeDialog apiKey={dialog.apiKey} onClose={() => setDialog(null)} />}
    </section>
  );
}

function CreateApiKeyDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (created: CreatedApiKey) => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const { session } = useAuth();
  const create = useCreateApiKey();
  const { asOf } = useAsOf();
  const tree = useQuery(unitTreeQuery(asOf));
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [scopeUnitId, setScopeUnitId] = useState<string | null>(session?.user.scopeUnitId ?? null);
  const [expiresAt, setExpiresAt] = useState('');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!scopeUnitId) return;
    try {
      const created = await create.mutateAsync({ name: name.trim(), role, scopeUnitId, expiresAt: expiresAt ? vietnamLocalToIso(expiresAt) : null });
      toast.show(t('apiKeys.createdToast', { name: created.apiKey.name }));
      onCreated(created);
    } catch { /* shown in the form */ }
  }

  return (
    <Dialog open title={t('apiKeys.create')} onClose={onClose}>
      <form className="form" onSubmit={(event) => void onSubmit(event)}>
        <div className="field">
          <label htmlFor="key-name">{t('apiKeys.name')}</label>
          <input id="key-name" className="input" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="key-role">{t('apiKeys.role')}</label>
          <select id="key-role" className="input" value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {roles.map((value) => <option key={value} value={value}>{t(`roles.${value}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <UnitTreePicker label={t('apiKeys.scopeUnit')} roots={tree.data?.roots ?? []} value={scopeUnitId} required
            fallbackName={session?.user.scopeUnitName} onChange={(id) => setScopeUnitId(id)} isLoading={tree.isPending} />
        </div>
        <div className="field">
          <label htmlFor="key-expires">{t('apiKeys.expiresAt')} <span className="muted">{t('common.optional')}</span></label>
          <input id="key-expires" type="datetime-local" className="input" value={expiresAt} aria-describedby="key-expires-hint"
            onChange={(event) => setExpiresAt(event.target.value)} />
          <p id="key-expires-hint" className="hint">{t('apiKeys.expiresAtHint')}</p>
        </div>
        <FormError error={create.error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button button-primary" disabled={create.isPending || !scopeUnitId}>
            {create.isPending ? t('common.saving') : t('apiKeys.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function RevokeDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const revoke = useRevokeApiKey();
  async function onConfirm() {
    try {
      await revoke.mutateAsync(apiKey.id);
      toast.show(t('apiKeys.revokedToast', { name: apiKey.name }));
      onClose();
    } catch { /* shown below */ }
  }
  return (
    <Dialog open title={t('apiKeys.revoke')} onClose={onClose}>
      <p>{t('apiKeys.revokeConfirm', { name: apiKey.name })}</p>
      <FormError error={revoke.error} />
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        <button type="button" className="button button-danger" disabled={revoke.isPending} onClick={() => void onConfirm()}>{t('apiKeys.revoke')}</button>
      </div>
    </Dialog>
  );
}
