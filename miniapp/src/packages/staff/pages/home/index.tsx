import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { RoleHome } from '@/components/RoleHome';
import { t } from '@/i18n';

/** Staff (county/township workers) home in the staff subpackage. */
export default function StaffHomePage() {
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('staff.home.title') });
  }, []);
  return (
    <RoleHome
      title={t('staff.home.title')}
      intro={t('staff.home.intro')}
      items={[
        t('staff.home.items.jobs'),
        t('staff.home.items.training'),
        t('staff.home.items.complaints'),
        t('staff.home.items.reports'),
      ]}
    />
  );
}
