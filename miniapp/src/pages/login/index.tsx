import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { TokenPair } from '@zhuanyi/shared';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { Screen } from '@/components/Screen';
import { signInWithWechat, signInWithWechatPhone } from '@/features/auth/api/auth-api';
import { SmsSignInForm } from '@/features/auth/components/SmsSignInForm';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { afterSignIn } from '@/services/navigation';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** Sign in: WeChat (code or phone-number button) in the mini-program, phone + SMS code everywhere. */
export default function LoginPage() {
  const [error, setError] = useState<string | null>(null);
  const done = (pair: TokenPair) => {
    void Taro.showToast({ title: t('auth.signedIn'), icon: 'success' });
    afterSignIn(pair.subject.workerId !== null);
  };

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('auth.title') });
  }, []);

  const onPhoneNumber = async (event: { detail: { code?: string; errMsg?: string } }) => {
    if (!event.detail.code) {
      setError(t('auth.phoneDenied'));
      return;
    }
    try {
      done(await signInWithWechatPhone(event.detail.code));
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Screen>
      <View className="zy-page">
        <Text className="zy-text">{t('auth.intro')}</Text>
        {error ? <Notice tone="error">{error}</Notice> : null}
        {isWeapp ? (
          <View className="login__wechat">
            <Button className="zy-button zy-button--primary" openType="getPhoneNumber" onGetPhoneNumber={(e) => void onPhoneNumber(e)}>
              {t('auth.wechatPhone')}
            </Button>
            <Text className="zy-muted">{t('auth.wechatPhoneHint')}</Text>
            <ActionButton kind="secondary" onTap={() => void signInWithWechat().then(done, (e: unknown) => setError(errorText(e)))}>
              {t('auth.wechatLogin')}
            </ActionButton>
            <Text className="login__or">{t('auth.orSms')}</Text>
          </View>
        ) : null}
        <SmsSignInForm onSignedIn={done} />
      </View>
    </Screen>
  );
}
