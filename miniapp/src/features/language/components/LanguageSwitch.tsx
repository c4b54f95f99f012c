import { Text, View } from '@tarojs/components';
import { LocaleCodes, localeNames } from '@zhuanyi/shared';
import { t } from '@/i18n';
import { getActiveLocale } from '@/services/locale';
import { switchLocale } from '../apply-locale';
import './LanguageSwitch.scss';

/** Four big buttons, each language written in itself, so anyone can find their own. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const active = getActiveLocale();
  return (
    <View className={compact ? 'zy-lang-switch zy-lang-switch--compact' : 'zy-lang-switch'} ariaRole="radiogroup" ariaLabel={t('language.title')}>
      {compact ? null : <Text className="zy-lang-switch__title">{t('language.title')}</Text>}
      <View className="zy-lang-switch__options">
        {LocaleCodes.map((code) => (
          <View
            key={code}
            className={code === active ? `zy-lang-switch__option zy-lang-switch__option--on` : 'zy-lang-switch__option'}
            ariaRole="radio"
            ariaLabel={code === active ? `${localeNames[code]} ${t('common.selected')}` : localeNames[code]}
            data-locale={code}
            onClick={() => void switchLocale(code)}
          >
            <Text className={`zy-lang-switch__name zy-lang-switch__name--${code}`}>
              {localeNames[code]}
            </Text>
          </View>
        ))}
      </View>
      {compact ? null : <Text className="zy-muted">{t('language.hint')}</Text>}
    </View>
  );
}
