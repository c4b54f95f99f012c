import { Text, View } from '@tarojs/components';
import { StaffCourseInputSchema, StaffCoursePatchSchema, type StaffCourseSchema } from '@zhuanyi/shared';
import type { z } from 'zod';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice, SingleChoice, TextField, YesNo } from '@/components/Form';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { closeCourse, createCourse, listCourses, patchCourse } from '@/features/staff/api/console-api';
import { apiErrors, beijingDateTime, beijingDay, checkWith, intOf, type FieldErrors } from '@/features/staff/console-forms';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { useFields } from '@/features/staff/hooks/use-fields';
import { staffCan, useStaffSession } from '@/features/staff/hooks/use-staff-session';

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

function CourseForm({ editing, region, onSaved, onCancel }: { editing: Course | null; region: string; onSaved: (c: Course) => void; onCancel: () => void }) {
  const { values, errors, setErrors, set } = useFields<Values>(editing ? fromCourse(editing) : blank(region));
  const [busy, setBusy] = useState(false);
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
    setBusy(true);
    (editing ? patchCourse(editing.id, body) : createCourse(body)).then(
      (c) => {
        setBusy(false);
        onSaved(c);
      },
      (e: unknown) => {
        setBusy(false);
        setErrors(apiErrors(e));
      },
    );
  };
  return (
    <View className="zy-staff-card">
      <Text className="zy-staff-card__title">{editing ? `${t('staff.publish.edit')}：${editing.title}` : `${t('staff.publish.create')}${t('staff.courses.title')}`}</Text>
      <TextField label={t('staff.courses.courseTitle')} value={values.title} maxlength={60} error={errors.title} onChange={set('title')} />
      {!editing ? (
        <>
          <TextField label={t('staff.courses.trade')} value={values.trade} maxlength={30} error={errors.trade} onChange={set('trade')} />
          <TextField label={t('staff.courses.provider')} value={values.provider} maxlength={80} error={errors.provider} onChange={set('provider')} />
          <TextField label={t('staff.publish.regionCode')} hint={t('staff.publish.regionHint')} type="number" maxlength={12} value={values.regionCode} error={errors.regionCode} onChange={set('regionCode')} />
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
          <TextField label={t('staff.courses.startsOn')} hint={t('staff.courses.dateHint')} maxlength={10} value={values.startsOn} error={errors.startsAt} onChange={set('startsOn')} />
          <TextField label={t('staff.courses.endsOn')} hint={t('staff.courses.dateHint')} maxlength={10} value={values.endsOn} error={errors.endsAt} onChange={set('endsOn')} />
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
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      <View className="zy-staff-buttons">
        <ActionButton onTap={submit} disabled={busy}>
          {busy ? t('common.submitting') : t('staff.publish.save')}
        </ActionButton>
        {editing ? (
          <ActionButton kind="secondary" onTap={onCancel}>
            {t('common.cancel')}
          </ActionButton>
        ) : null}
      </View>
    </View>
  );
}

function CourseCard({ course, onEdit, onSaved }: { course: Course; onEdit: () => void; onSaved: (c: Course) => void }) {
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
  const region = useStaffSession()?.regionScope ?? '';
  const { state, reload, setState } = useAsync(() => listCourses(), 'courses');
  const [editing, setEditing] = useState<Course | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [saved, setSaved] = useState(false);
  const replace = (c: Course) => {
    if (state.status !== 'ready') return;
    const items = state.data.items.some((x) => x.id === c.id) ? state.data.items.map((x) => (x.id === c.id ? c : x)) : [c, ...state.data.items];
    setState({ status: 'ready', data: { items } });
  };
  return (
    <View className="zy-staff-grid">
      <View>
        {saved ? <Notice tone="success">{t('staff.publish.saved')}</Notice> : null}
        <CourseForm
          key={`${editing?.id ?? 'new'}-${formKey}`}
          editing={editing}
          region={region}
          onSaved={(c) => {
            replace(c);
            setEditing(null);
            setFormKey((k) => k + 1);
            setSaved(true);
          }}
          onCancel={() => setEditing(null)}
        />
      </View>
      <View>
        {state.status === 'loading' ? <StatusView kind="loading" title={t('common.loading')} /> : null}
        {state.status === 'error' ? <StatusView kind="error" title={t('staff.publish.loadFailed')} hint={errorText(state.error)} onRetry={() => reload()} /> : null}
        {state.status === 'ready' && state.data.items.length === 0 ? <StatusView kind="empty" title={t('staff.publish.empty')} /> : null}
        {state.status === 'ready'
          ? state.data.items.map((c) => (
              <CourseCard
                key={c.id}
                course={c}
                onSaved={replace}
                onEdit={() => {
                  setSaved(false);
                  setEditing(c);
                }}
              />
            ))
          : null}
      </View>
    </View>
  );
}

/** Training courses of the region: publish (order-based flag), edit seats and text, close sign-up. */
export default function StaffCoursesPage() {
  return <StaffGate allow={staffCan.registry}>{() => <Courses />}</StaffGate>;
}
