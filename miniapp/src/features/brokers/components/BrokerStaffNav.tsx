import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { t } from '@/i18n';
import type { StaffRole } from '@/features/staff/api/staff-api';
import { staffCan } from '@/features/staff/hooks/use-staff-session';
import { brokerStaffRoutes } from '../routes';

const ITEMS = [
  { key: 'brokers', url: brokerStaffRoutes.brokers },
  { key: 'stages', url: brokerStaffRoutes.stages },
  { key: 'subsidies', url: brokerStaffRoutes.subsidies },
] as const;

/** Staff home tiles for brokers, team stages and subsidy claims (staff and admins). */
export function BrokerStaffNav({ role }: { role: StaffRole }) {
  if (!staffCan.registry(role)) return null;
  return (
    <View className="zy-staff-nav">
      {ITEMS.map((n) => (
        <View key={n.key} className="zy-staff-nav__item" ariaRole="link" onClick={() => void Taro.navigateTo({ url: n.url })}>
          <Text className="zy-staff-nav__item-title">{t(`broker.staff.nav.${n.key}`)}</Text>
          <Text className="zy-staff-nav__item-hint">{t(`broker.staff.nav.${n.key}Hint`)}</Text>
        </View>
      ))}
    </View>
  );
}
