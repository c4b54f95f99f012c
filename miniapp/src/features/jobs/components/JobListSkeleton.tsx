import { Text, View } from '@tarojs/components';
import { t } from '@/i18n';
import './JobListSkeleton.scss';

const ROWS = [0, 1, 2, 3];

/** Grey job-card shapes while the first page loads (index.html draws the same shapes before the app has loaded). */
export function JobListSkeleton() {
  return (
    <View className="job-skeletons" ariaRole="status">
      <Text className="job-skeletons__label">{t('common.loading')}</Text>
      {ROWS.map((row) => (
        <View key={row} className="job-skeleton">
          <View className="job-skeleton__bar job-skeleton__bar--short" />
          <View className="job-skeleton__bar job-skeleton__bar--title" />
          <View className="job-skeleton__bar job-skeleton__bar--pay" />
        </View>
      ))}
    </View>
  );
}
