import { View } from '@tarojs/components';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { Screen } from '@/components/Screen';
import { t } from '@/i18n';
import { go, routes } from '@/services/navigation';

/** The whole page of a form that needs a signed-in person: why, and the way to sign in. */
export function SignInFirst({ message = t('common.signInFirst') }: { message?: string }) {
  return (
    <Screen>
      <View className="zy-page">
        <Notice tone="info">{message}</Notice>
        <ActionButton onTap={() => go(routes.login)}>{t('common.goSignIn')}</ActionButton>
      </View>
    </Screen>
  );
}
