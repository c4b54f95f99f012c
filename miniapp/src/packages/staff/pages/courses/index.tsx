import { Text, View } from '@tarojs/components';
import { StaffCourseInputSchema, StaffCoursePatchSchema, type StaffCourseSchema } from '@zhuanyi/shared';
import type { z } from 'zod';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice, SingleChoice, TextField, YesNo } from '@/components/Form';
import { RegionField } from '@/features/regions/components/RegionField';
import { DateField } from '@/components/DateField';
import { Tag } from '@/components/Tag';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { closeCourse, createCourse, listCourses, patchCourse } from '@/features/staff/api/console-api';
import { beijingDateTime, beijingDay, checkWith, intOf, type FieldErrors } from '@/features/staff/console-forms';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { useFields } from '@/features/staff/hooks/use-fields';
import { staffCan } from '@/features/staff/hooks/use-staff-session';
import { PublishingPage, type PublishCardProps, type PublishFormProps } from '../../components/PublishingPage';
import { SaveButtons } from '../../components/SaveButtons';
import { useSave } from '@/features/staff/hooks/use-save';

type Course = z.infer<typeof StaffCourseSchema>;
type Mode = 'offline' | 'online' | 'mixed';
interface Values {
  title: string;
  trade: string;
  provider: string;
  regionCode: string;
  mode: Mode;
  classHours: string;
  seats: string;
  startsOn: string;
  endsOn: string;
  orderBased: boolean | null;
  description: string;
  contactName: string;
  contactPhone: string;
}
const blank = (region: string): Values => ({ title: '', trade: '', provider: '', regionCode: region, mode: 'offline', classHours: '', seats: '', startsOn: '', endsOn: '', orderBased: false, description: '', contactName: '', contactPhone: '' });
const fromCourse = (c: Course): Values => ({ ...blank(c.regionCode), title: c.title, trade: c.trade, provider: c.provider, seats: String(c.seats), orderBased: c.orderBased });

function CourseForm({ editing, region, onSaved, onCancel }: PublishFormProps<Course>) {
  const { values, errors, setErrors, set } = useFields<Values>(editing ? fromCourse(editing) : blank(region));
  const { busy, save } = useSave<Course>(onSaved, setErrors);
  const submit = () => {
    const found: FieldErrors = {};
    const seats = intOf(values.seats);
    if (!Number.isInteger(seats) || seats < 1 || seats > 10_000) found.seats = t('staff.courses.seatsInvalid');
    let body: Record<string, unknown>;
    if (editing) {
      body = { title: values.title, seats, orderBased: values.orderBased === true, ...(values.description.trim() ? { description: values.description } : {}) };
    } else {
      const classHours = intOf(values.classHours);
      if (!Number.isInteger(classHours) || classHours < 1 || classHours > 2000) found.classHours = t('staff.courses.classHoursInvalid');
      const startsAt = beijingDay(values.startsOn);
      const endsAt = beijingDay(values.endsOn, true);
      if (!startsAt) found.startsAt = t('staff.courses.dateInvalid');
      if (!endsAt) found.endsAt = t('staff.courses.dateInvalid');
      const { startsOn: _s, endsOn: _e, ...rest } = values;
      void _s;
      void _e;
      body = { ...rest, classHours, seats, startsAt, endsAt, orderBased: values.orderBased === true };
    }
    const checked = checkWith(editing ? StaffCoursePatchSchema : StaffCourseInputSchema, body);
    const all = { ...(checked.ok ? {} : checked.errors), ...found };
    if (Object.values(all).some(Boolean)) return setErrors(all);
    save(() => (editing ? patchCourse(editing.id, body) : createCourse(body)));
  };
  return (
    <View className="zy-staff-card">
      <Text className="zy-staff-card__title">{editing ? `${t('staff.publish.edit')}：${editing.title}` : `${t('staff.publish.create')}${t('staff.courses.title')}`}</Text>
      <TextField label={t('staff.courses.courseTitle')} value={values.title} maxlength={60} error={errors.title} onChange={set('title')} />
      {!editing ? (
        <>
          <TextField label={t('staff.courses.trade')} value={values.trade} maxlength={30} error={errors.trade} onChange={set('trade')} />
          <TextField label={t('staff.courses.provider')} value={values.provider} maxlength={80} error={errors.provider} onChange={set('provider')} />
          <RegionField label={t('staff.publish.region')} value={values.regionCode} error={errors.regionCode} onChange={set('regionCode')} />
          <SingleChoice
            label={t('staff.courses.mode')}
            inline
            value={values.mode}
            error={errors.mode}
            onChange={set('mode')}
            options={(['offline', 'online', 'mixed'] as const).map((m) => ({ value: m, label: t(`staff.courses.modes.${m}`) }))}
          />
          <TextField label={t('staff.courses.classHours')} type="number" maxlength={4} value={values.classHours} error={errors.classHours} onChange={set('classHours')} />
        </>
      ) : null}
      <TextField label={t('staff.courses.seats')} type="number" maxlength={5} value={values.seats} error={errors.seats} onChange={set('seats')} />
      {!editing ? (
        <>
          <DateField label={t('staff.courses.startsOn')} value={values.startsOn} error={errors.startsAt} onChange={set('startsOn')} />
          <DateField label={t('staff.courses.endsOn')} value={values.endsOn} error={errors.endsAt} onChange={set('endsOn')} />
        </>
      ) : null}
      <YesNo label={t('staff.courses.orderBased')} value={values.orderBased} onChange={set('orderBased')} />
      <TextField label={`${t('staff.publish.description')}${t('staff.publish.optional')}`} value={values.description} maxlength={2000} error={errors.description} onChange={set('description')} />
      {!editing ? (
        <>
          <TextField label={`${t('staff.publish.contactName')}${t('staff.publish.optional')}`} value={values.contactName} maxlength={30} error={errors.contactName} onChange={set('contactName')} />
          <TextField label={`${t('staff.publish.contactPhone')}${t('staff.publish.optional')}`} type="number" maxlength={20} value={values.contactPhone} error={errors.contactPhone} onChange={set('contactPhone')} />
        </>
      ) : null}
      <SaveButtons error={errors.form} busy={busy} editing={editing !== null} onSave={submit} onCancel={onCancel} />
    </View>
  );
}

function CourseCard({ course, onEdit, onSaved }: PublishCardProps<Course> & { course: Course }) {
  const [error, setError] = useState<string | null>(null);
  const open = course.status === 'open';
  return (
    <View className="zy-staff-card zy-course">
      <View className="zy-queue-item__head">
        <Text className="zy-person__name">{course.title}</Text>
        <Tag label={open ? t('staff.publish.open') : t('staff.publish.ended')} tone={open ? 'success' : 'neutral'} />
      </View>
      <Text className="zy-muted">{`${course.provider} · ${course.regionName} · ${beijingDateTime(course.startsAt).slice(0, 10)}`}</Text>
      <View className="zy-inline">
        <Tag label={course.trade} tone="info" />
        {course.orderBased ? <Tag label={t('staff.courses.orderTag')} tone="public" /> : null}
        <Tag label={t('staff.courses.seatsText', { taken: course.seatsTaken, seats: course.seats })} />
      </View>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {open ? (
        <View className="zy-inline zy-staff-gap-top">
          <ActionButton kind="secondary" onTap={onEdit}>
            {t('staff.publish.edit')}
          </ActionButton>
          <ActionButton kind="secondary" onTap={() => void closeCourse(course.id).then(onSaved, (e: unknown) => setError(errorText(e)))}>
            {t('staff.courses.close')}
          </ActionButton>
        </View>
      ) : null}
    </View>
  );
}

function Courses() {
  return (
    <PublishingPage<Course>
      load={listCourses}
      loadKey="courses"
      renderForm={(props) => <CourseForm {...props} />}
      renderCard={(c, props) => <CourseCard course={c} {...props} />}
    />
  );
}

/** Training courses of the region: publish (order-based flag), edit seats and text, close sign-up. */
export default function StaffCoursesPage() {
  return <StaffGate allow={staffCan.registry}>{() => <Courses />}</StaffGate>;
}
