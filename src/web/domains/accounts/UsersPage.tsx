// Users: list, create (role, scope unit, agency; the generated password is shown once), edit.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '../../../shared/contracts/auth.js';
import type { User } from '../../../shared/contracts/accounts.js';
import { useAuth } from '../../app/auth.js';
import { formatDateTime } from '../../app/format.js';
import { useAsOf } from '../../app/url-state.js';
import { CopyButton } from '../../ui/CopyButton.js';
import { DataTable } from '../../ui/DataTable.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError, PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { agencyListQuery } from '../agencies/agencies.api.js';
import { unitTreeQuery } from '../units/units.api.js';
import { userListQuery, useCreateUser, useUpdateUser, type CreatedUser } from './accounts.api.js';

type DialogState = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'created'; created: CreatedUser } | null;

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const list = useQuery(userListQuery());
  const [dialog, setDialog] = useState<DialogState>(null);
  const lang = i18n.language;

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('users.title')}</h1>
        <div className="toolbar">
          <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'create' })}>{t('users.create')}</button>
        </div>
      </header>
      <PageState isLoading={list.isPending} error={list.error} onRetry={() => void list.refetch()}>
        <DataTable<User>
          caption={t('users.title')}
          rows={list.data?.items ?? []}
          rowKey={(u) => u.id}
          rowClassName={(u) => (u.disabled ? 'is-ended' : undefined)}
          columns={[
            { key: 'username', header: t('users.username'), render: (u) => <code>{u.username}</code>, sortValue: (u) => u.username },
            { key: 'name', header: t('users.displayName'), render: (u) => u.displayName, sortValue: (u) => u.displayName },
            { key: 'role', header: t('users.role'), render: (u) => t(`roles.${u.role}`), sortValue: (u) => u.role },
            { key: 'scope', header: t('users.scopeUnit'), render: (u) => u.scopeUnitName, sortValue: (u) => u.scopeUnitName },
            { key: 'agency', header: t('users.agency'), render: (u) => u.agencyName ?? '—', sortValue: (u) => u.agencyName },
            { key: 'status', header: t('common.status'), render: (u) => (u.disabled ? t('users.statusDisabled') : t('users.statusActive')) },
            { key: 'login', header: t('users.lastLogin'), render: (u) => formatDateTime(u.lastLoginAt, lang), sortValue: (u) => u.lastLoginAt },
            {
              key: 'actions', header: t('common.actions'),
              render: (u) => (
                <button type="button" className="button button-small" aria-label={t('users.edit', { name: u.displayName })}
                  onClick={() => setDialog({ kind: 'edit', user: u })}>{t('common.edit')}</button>
              ),
            },
          ]}
        />
      </PageState>
      {dialog?.kind === 'create' && (
        <UserFormDialog user={null} onClose={() => setDialog(null)} onCreated={(created) => setDialog({ kind: 'created', created })} />
      )}
      {dialog?.kind === 'edit' && <UserFormDialog user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'created' && (
        <Dialog open title={t('users.generatedTitle')} onClose={() => setDialog(null)}>
          <p>{t('users.created', { name: dialog.created.user.displayName })}</p>
          {dialog.created.generatedPassword && (
            <div className="secret-box">
              <p className="hint hint-warning">{t('users.generatedOnce')}</p>
              <p><code className="secret" data-testid="generated-password">{dialog.created.generatedPassword}</code></p>
              <CopyButton text={dialog.created.generatedPassword} />
            </div>
          )}
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={() => setDialog(null)}>{t('common.done')}</button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

function UserFormDialog({ user, onClose, onCreated }: { user: User | null; onClose: () => void; onCreated?: (created: CreatedUser) => void }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const { session } = useAuth();
  const create = useCreateUser();
  const update = useUpdateUser();
  const { asOf } = useAsOf();
  const [treeDate, setTreeDate] = useState(asOf);
  const tree = useQuery({ ...unitTreeQuery(treeDate), enabled: /^\d{4}-\d{2}-\d{2}$/.test(treeDate) });
  const agencies = useQuery(agencyListQuery({}));
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'viewer');
  const [scopeUnitId, setScopeUnitId] = useState<string | null>(user?.scopeUnitId ?? session?.user.scopeUnitId ?? null);
  const [agencyId, setAgencyId] = useState<string>(user?.agencyId ?? '');
  const [password, setPassword] = useState('');
  const [disabled, setDisabled] = useState(user?.disabled ?? false);
  const mutation = user ? update : create;
  const en = i18n.language.startsWith('en');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!scopeUnitId) return;
    try {
      if (user) {
        const saved = await update.mutateAsync({
          id: user.id,
          body: {
            displayName: displayName.trim(), email: email.trim() || null, role, scopeUnitId, agencyId: agencyId || null, disabled,
            ...(password ? { password } : {}),
          },
        });
        toast.show(t('users.updated', { name: saved.displayName }));
        onClose();
      } else {
        const created = await create.mutateAsync({
          username: username.trim(), displayName: displayName.trim(), email: email.trim() || null, role, scopeUnitId,
          agencyId: agencyId || null, ...(password ? { password } : {}),
        });
        toast.show(t('users.created', { name: created.user.displayName }));
        onCreated?.(created);
      }
    } catch { /* shown in the form */ }
  }

  return (
    <Dialog open title={user ? t('users.edit', { name: user.displayName }) : t('users.create')} onClose={onClose}>
      <form className="form" onSubmit={(event) => void onSubmit(event)}>
        <div className="field">
          <label htmlFor="user-username">{t('users.username')}</label>
          <input id="user-username" className="input" required minLength={3} maxLength={50} pattern="[a-z0-9._-]+" disabled={!!user}
            aria-describedby="user-username-hint" autoComplete="off" value={username} onChange={(event) => setUsername(event.target.value)} />
          <p id="user-username-hint" className="hint">{t('users.usernameHint')}</p>
        </div>
        <div className="field">
          <label htmlFor="user-display-name">{t('users.displayName')}</label>
          <input id="user-display-name" className="input" required maxLength={200} value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="user-email">{t('users.email')} <span className="muted">{t('common.optional')}</span></label>
          <input id="user-email" type="email" className="input" value={email} onChange={(event) => setEmail(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="user-role">{t('users.role')}</label>
          <select id="user-role" className="input" value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {roles.map((value) => <option key={value} value={value}>{t(`roles.${value}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="user-tree-date">{t('users.treeDate')}</label>
          <input id="user-tree-date" type="date" className="input" value={treeDate} onChange={(event) => setTreeDate(event.target.value)} />
        </div>
        <div className="field">
          <UnitTreePicker label={t('users.scopeUnit')} roots={tree.data?.roots ?? []} value={scopeUnitId} required
            fallbackName={user?.scopeUnitName} onChange={(id) => setScopeUnitId(id)} isLoading={tree.isPending} />
        </div>
        <div className="field">
          <label htmlFor="user-agency">{t('users.agency')}</label>
          <select id="user-agency" className="input" value={agencyId} onChange={(event) => setAgencyId(event.target.value)}>
            <option value="">{t('users.noAgency')}</option>
            {(agencies.data?.items ?? []).map((a) => <option key={a.id} value={a.id}>{en ? a.nameEn : a.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="user-password">{user ? t('users.newPassword') : t('users.password')} <span className="muted">{t('common.optional')}</span></label>
          <input id="user-password" type="password" className="input" minLength={10} maxLength={200} autoComplete="new-password"
            aria-describedby="user-password-hint" value={password} onChange={(event) => setPassword(event.target.value)} />
          <p id="user-password-hint" className="hint">{user ? t('users.newPasswordHint') : t('users.passwordHint')}</p>
        </div>
        {user && (
          <label className="choice">
            <input type="checkbox" checked={disabled} onChange={(event) => setDisabled(event.target.checked)} />
            {t('users.disabled')}
          </label>
        )}
        <FormError error={mutation.error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button button-primary" disabled={mutation.isPending || !scopeUnitId}>
            {mutation.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
