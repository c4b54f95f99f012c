import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Screen } from '@/components/Screen';
import { t } from '@/i18n';
import type { StaffRole } from '../api/staff-api';
import { useStaffSession } from '../hooks/use-staff-session';
import { staffRoutes } from '../routes';
import { StaffSignIn } from './StaffSignIn';
import './staff.scss';

/** A staff page's frame: the sign-in form while signed out, a notice for a role without access, else the page. */
export function StaffGate({ allow, children }: { allow: (role: StaffRole) => boolean; children: (role: StaffRole) => ReactNode }) {
  const subject = useStaffSession();
  if (!subject) {
    return (
      <Screen>
        <View className="zy-staff">
          <StaffSignIn />
        </View>
      </Screen>
    );
  }
  if (!allow(subject.role)) {
    return (
      <Screen>
        <View className="zy-staff">
          <View className="zy-staff-card">
            <Text className="zy-text">{t('staff.signIn.needRole')}</Text>
            <ActionButton kind="secondary" onTap={() => void Taro.redirectTo({ url: staffRoutes.home })}>
              {t('staff.signIn.goHome')}
            </ActionButton>
          </View>
        </View>
      </Screen>
    );
  }
  return (
    <Screen>
      <View className="zy-staff">{children(subject.role)}</View>
    </Screen>
  );
}
