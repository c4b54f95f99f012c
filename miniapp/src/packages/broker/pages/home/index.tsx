import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { RoleHome } from '@/components/RoleHome';
import { t } from '@/i18n';

/** Broker (劳务经纪人) home in the broker subpackage. */
export default function BrokerHomePage() {
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('broker.home.title') });
  }, []);
  return (
    <RoleHome
      title={t('broker.home.title')}
      intro={t('broker.home.intro')}
      items={[t('broker.home.items.register'), t('broker.home.items.recommend'), t('broker.home.items.followUp')]}
    />
  );
}
