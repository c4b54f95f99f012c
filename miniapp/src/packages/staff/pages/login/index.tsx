import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Screen } from '@/components/Screen';
import { StaffSignIn } from '@/features/staff/components/StaffSignIn';
import { staffRoutes } from '@/features/staff/routes';

/** Staff sign-in on its own page; on success, the console home. */
export default function StaffLoginPage() {
  return (
    <Screen>
      <View className="zy-staff">
        <StaffSignIn onSignedIn={() => void Taro.redirectTo({ url: staffRoutes.home })} />
      </View>
    </Screen>
  );
}
