import { Text, View } from '@tarojs/components';
import { Screen } from './Screen';
import './RoleHome.scss';

interface RoleHomeProps {
  title: string;
  intro: string;
  items: string[];
}

/** A role's landing page: what the role can do here. */
export function RoleHome({ title, intro, items }: RoleHomeProps) {
  return (
    <Screen>
      <View className="role-home">
        <Text className="role-home__title">{title}</Text>
        <Text className="role-home__intro">{intro}</Text>
        <View className="role-home__list">
          {items.map((item) => (
            <Text key={item} className="role-home__item">
              {item}
            </Text>
          ))}
        </View>
      </View>
    </Screen>
  );
}
