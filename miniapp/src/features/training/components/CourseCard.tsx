import { Text, View } from '@tarojs/components';
import type { CourseSummary } from '@zhuanyi/shared';
import type { ReactNode } from 'react';
import { Tag } from '@/components/Tag';
import { TradeIcon } from '@/components/TradeIcon';
import { regionFullName, t } from '@/i18n';
import { formatChinaDay, seatsText } from '../format';
import './CourseCard.scss';
import { tradeLabel } from '@/common/trades';

/** One course: trade, title, provider, hours, where, when, seats. */
export function CourseCard({ course, onOpen, children }: { course: CourseSummary; onOpen?: (id: string) => void; children?: ReactNode }) {
  return (
    <View className="course-card" onClick={onOpen ? () => onOpen(course.id) : undefined} ariaRole={onOpen ? 'link' : undefined}>
      <View className="course-card__trade">
        <TradeIcon trade={course.trade} />
        <Text className="course-card__muted">{tradeLabel(course.trade)}</Text>
      </View>
      <Text className="course-card__title">{course.title}</Text>
      <Text className="course-card__meta">{course.provider}</Text>
      <Text className="course-card__meta">{`${t(`course.mode.${course.mode}`)} · ${regionFullName(course.regionCode, course.regionName)}`}</Text>
      <Text className="course-card__meta">{`${t('training.starts', { date: formatChinaDay(course.startsAt) })} · ${t('training.hours', { hours: course.classHours })}`}</Text>
      <View className="course-card__tags">
        {course.subsidized ? <Tag label={t('training.subsidized')} tone="success" /> : null}
        {course.allowance ? <Tag label={t('training.allowance')} tone="public" /> : null}
        <Tag label={seatsText(course)} tone={course.signUpOpen ? 'info' : 'warn'} />
      </View>
      {children}
    </View>
  );
}
