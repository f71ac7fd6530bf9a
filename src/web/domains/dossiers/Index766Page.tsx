// Decision 766/QĐ-TTg index: the five groups with their components; a component the system has no data for
// is shown as not computable with the reason, and the total says how many points it is out of.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Index766Component, Index766Group } from '../../../shared/contracts/dossiers.js';
import { formatDate, formatNumber, todayInVietnam } from '../../app/format.js';
import { useSearchParam, useWallMode } from '../../app/url-state.js';
import { ErrorState, PageState } from '../../ui/PageState.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { useDossierUnit } from './DashboardPage.js';
import { index766Query } from './dossiers.api.js';
import { formatRate } from './dossier-format.js';

export function Index766Page() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const wall = useWallMode();
  const { tree, roots, unitId, unitName, unitMissing, setUnitId } = useDossierUnit();
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const years = useMemo(() => Array.from({ length: 5 }, (_, i) => thisYear - i), [thisYear]);
  const [yearParam, setYear] = useSearchParam('year');
  const year = years.includes(Number(yearParam)) ? Number(yearParam) : thisYear;
  const ready = !!unitId && !unitMissing;
  const index = useQuery(index766Query({ year, unitId }, ready));
  const points = pointsFormatter(lang);
  const data = index.data;

  return (
    <section aria-labelledby="page-title" className="index-766">
      <header className="page-header">
        <h1 id="page-title">{t('dos.index766.title')}{unitName ? ` — ${unitName}` : ''}</h1>
        <div className="toolbar">
          {!wall && (
            <UnitTreePicker label={t('dos.dashboard.unit')} roots={roots} value={unitId || null} isLoading={tree.isPending}
              onChange={(id) => setUnitId(id)} fallbackName={unitName} />
          )}
          <div className="field">
            <label htmlFor="idx-year">{t('dos.index766.year')}</label>
            <select id="idx-year" className="input" value={year} onChange={(e) => setYear(Number(e.target.value) === thisYear ? null : e.target.value)}>
              {years.map((y) => <option key={y} value={y}>{y}</option>)}
            </select>
          </div>
        </div>
      </header>
      {!wall && <p className="hint">{t('dos.index766.intro')}</p>}
      {unitMissing ? <p className="state state-empty" role="alert">{t('dos.dashboard.unitMissing')}</p> : tree.error ? (
        <ErrorState error={tree.error} onRetry={() => void tree.refetch()} />
      ) : (
        <PageState isLoading={!ready || index.isPending} error={index.error} onRetry={() => void index.refetch()}
          isEmpty={(data?.groups.length ?? 0) === 0} emptyText={t('dos.index766.empty')}>
          {data && (
            <>
              <section className="card index-total" aria-labelledby="index-total-title">
                <h2 id="index-total-title">{t('dos.index766.total')}</h2>
                <p className="index-score" data-testid="index-total">
                  <strong>{points(data.points)}</strong> <span className="muted">/ {points(data.computableMaxPoints)}</span>
                </p>
                <p className="hint">
                  {t('dos.index766.computableOf', { computable: points(data.computableMaxPoints), max: points(data.maxPoints) })}
                  {' · '}{t('dos.index766.window', { from: formatDate(data.from, lang), to: formatDate(data.to, lang) })}
                </p>
                <ul className="index-groups-summary">
                  {data.groups.map((g) => (
                    <li key={g.code}>
                      <span className="index-group-name">{g.code}. {lang.startsWith('en') ? g.nameEn : g.name}</span>
                      <ScoreBar group={g} />
                    </li>
                  ))}
                </ul>
              </section>
              {data.groups.map((g) => <GroupCard key={g.code} group={g} />)}
              <p className="hint">{t('dos.index766.source', { source: data.source })}</p>
            </>
          )}
        </PageState>
      )}
    </section>
  );
}

function ScoreBar({ group }: { group: Index766Group }) {
  const { t, i18n } = useTranslation();
  const points = pointsFormatter(i18n.language);
  const share = group.points === null ? 0 : group.points / group.maxPoints;
  const computableShare = group.computableMaxPoints / group.maxPoints;
  return (
    <span className="score-bar">
      <span className="score-track" aria-hidden="true">
        <span className="score-computable" style={{ width: `${computableShare * 100}%` }} />
        <span className="score-fill" style={{ width: `${share * 100}%` }} />
      </span>
      <span className="score-text">
        {group.points === null ? (group.computableMaxPoints === 0 ? t('dos.index766.notComputable') : t('dos.index766.noData')) : points(group.points)} / {points(group.maxPoints)}
      </span>
    </span>
  );
}

function GroupCard({ group }: { group: Index766Group }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const points = pointsFormatter(lang);
  const name = lang.startsWith('en') ? group.nameEn : group.name;
  return (
    <section className="card index-group" aria-labelledby={`group-${group.code}`} data-testid={`index-group-${group.code}`}>
      <div className="card-header">
        <h2 id={`group-${group.code}`}>{t('dos.index766.groupTitle', { code: group.code, name })}</h2>
        <p className="index-group-score">
          <strong>{group.points === null ? (group.computableMaxPoints === 0 ? t('dos.index766.notComputable') : t('dos.index766.noData')) : points(group.points)}</strong>
          <span className="muted"> / {points(group.maxPoints)} · {t('dos.index766.computableMax', { max: points(group.computableMaxPoints) })}</span>
        </p>
      </div>
      <div className="table-wrap">
        <table className="data-table index-table">
          <caption className="visually-hidden">{t('dos.index766.caption', { group: name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dos.index766.code')}</th>
              <th scope="col">{t('dos.index766.component')}</th>
              <th scope="col" className="num">{t('dos.index766.value')}</th>
              <th scope="col" className="num">{t('dos.index766.score')}</th>
            </tr>
          </thead>
          <tbody>
            {group.components.map((c) => <ComponentRow key={c.code} component={c} />)}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ComponentRow({ component: c }: { component: Index766Component }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const points = pointsFormatter(lang);
  const en = lang.startsWith('en');
  const reason = en ? c.reasonEn ?? c.reason : c.reason;
  return (
    <tr className={c.computable ? undefined : 'not-computable'} data-computable={c.computable}>
      <td>{c.code}</td>
      <th scope="row">
        <span className="cell-main">{en ? c.nameEn : c.name}</span>
        <span className="muted cell-sub formula">{en ? c.formulaEn : c.formula}</span>
        {c.weightIsAssumption && <span className="hint">{t('dos.index766.weightAssumed')}</span>}
        {reason && <span className="hint index-reason">{t('dos.index766.notComputableWhy', { reason })}</span>}
      </th>
      <td className="num">
        {!c.computable ? <span className="badge badge-not-computable">{t('dos.index766.notComputable')}</span>
          : c.value === null ? <span className="muted">{t('dos.index766.noData')}</span>
            : <>
              {formatRate(c.value, lang)}
              {c.numerator !== null && c.denominator !== null && (
                <span className="muted cell-sub">{formatNumber(c.numerator, lang)} / {formatNumber(c.denominator, lang)}</span>
              )}
            </>}
      </td>
      <td className="num">
        {c.points === null ? '—' : points(c.points)} <span className="muted">/ {points(c.maxPoints)}</span>
      </td>
    </tr>
  );
}

function pointsFormatter(language: string): (value: number) => string {
  return (value: number) => formatNumber(value, language, { maximumFractionDigits: 2 });
}
