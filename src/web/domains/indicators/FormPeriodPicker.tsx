// The chosen form and period of a board (reporting rate, data quality), kept in the URL, with its two selects.
import { useTranslation } from 'react-i18next';
import type { FormSummary } from '../../../shared/contracts/indicators.js';
import { todayInVietnam } from '../../app/format.js';
import { useSearchParam } from '../../app/url-state.js';
import { lastCompletePeriod, periodLabel, recentPeriods } from './periods.js';

export interface FormPeriodChoice {
  form: FormSummary | undefined;
  period: string;
  periods: string[];
  lastComplete: string;
  chooseForm(code: string): void;
  choosePeriod(period: string): void;
}

/** `?form=` and `?period=`; by default the first form and its last complete period. */
export function useFormPeriod(forms: FormSummary[]): FormPeriodChoice {
  const today = todayInVietnam();
  const [formParam, setFormParam] = useSearchParam('form');
  const [periodParam, setPeriodParam] = useSearchParam('period');
  const form = forms.find((f) => f.code === formParam) ?? forms[0];
  const periods = form ? recentPeriods(form.periodType, today, form.cutoffDay, form.periodType === 'monthly' ? 25 : 12) : [];
  const lastComplete = form ? lastCompletePeriod(form.periodType, today, form.cutoffDay) : '';
  const period = periodParam && periods.includes(periodParam) ? periodParam : lastComplete;
  return {
    form, period, periods, lastComplete,
    chooseForm: (code) => { setFormParam(code); setPeriodParam(null); },
    choosePeriod: (p) => setPeriodParam(p === lastComplete ? null : p),
  };
}

export function FormPeriodSelects({ idPrefix, forms, choice }: { idPrefix: string; forms: FormSummary[]; choice: FormPeriodChoice }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  if (!choice.form) return null;
  return (
    <div className="toolbar">
      <div className="field">
        <label htmlFor={`${idPrefix}-form`}>{t('ind.reporting.form')}</label>
        <select id={`${idPrefix}-form`} className="input" value={choice.form.code} onChange={(e) => choice.chooseForm(e.target.value)}>
          {forms.map((f) => <option key={f.code} value={f.code}>{f.code} — {en ? f.nameEn : f.name}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-period`}>{t('ind.period.label')}</label>
        <select id={`${idPrefix}-period`} className="input" value={choice.period} onChange={(e) => choice.choosePeriod(e.target.value)}>
          {choice.periods.map((p) => <option key={p} value={p}>{periodLabel(p, t)}{p === choice.lastComplete ? ` ${t('ind.period.lastComplete')}` : ''}</option>)}
        </select>
      </div>
    </div>
  );
}
