// VI / EN switch; the choice is stored and survives reloads.
import { useTranslation } from 'react-i18next';
import { languages } from './i18n.js';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((language) => (
        <button key={language} type="button" lang={language} className="language-button"
          aria-pressed={i18n.language === language} title={t(`language.${language}`)}
          onClick={() => void i18n.changeLanguage(language)}>
          {language.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
