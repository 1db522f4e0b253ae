/**
 * The service editor form (issue 12). Presentational: the route gives it values, errors and
 * notes. Works without JavaScript (a plain POST; latitude/longitude are fields); with it, the
 * same zod schema checks the form before it is sent, and the hours preview follows the typing.
 */
import { Form } from '@remix-run/react';
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { editorMessages, type EditorKey } from '~/i18n/messages/editor';
import { taxonomyMessages } from '~/i18n/messages/taxonomy';
import { type Locale, translator } from '~/i18n/i18n';
import {
  FIELD_INPUTS,
  type FieldErrors,
  type FieldName,
  type FormValues,
  formToObject,
  parseServiceForm,
  valuesToInputs,
} from '~/listings/editor/schema';
import { DELIVERY_MODES } from '~/search/filters';
import { WEEKDAYS } from '~/search/hours';
import { CATEGORY_TREE, COST_SLUGS, POPULATION_SLUGS, TOP_CATEGORY_SLUGS } from '~/search/taxonomy';
import { EditorField } from './editor-field';
import { HoursPreview } from './hours-preview';

export interface ServiceEditorFormProps {
  locale: Locale;
  values: FormValues;
  version: number;
  /** The values the form was loaded with (three-way merge on a conflict). */
  base: FormValues;
  errors?: FieldErrors;
  fieldNotes?: Partial<Record<FieldName, string>>;
  submitLabel: string;
  timeZone: string | null;
  /** The public area label of the saved address ("Houston, TX 77002"), for "what the public sees". */
  areaLabel: string | null;
  /** What was typed, when the server refused it (the form shows it again, not the saved values). */
  inputs?: Record<string, string | string[]>;
  /** The draggable pin (client-only), shown above the coordinate fields. */
  map?: ReactNode;
}

const DELIVERY_KEY = {
  in_person: 'deliveryInPerson',
  phone: 'deliveryPhone',
  virtual: 'deliveryVirtual',
} as const;
const STATUS_KEY = {
  active: 'statusActive',
  'temporarily closed': 'statusTemporarilyClosed',
  defunct: 'statusDefunct',
} as const;
const COVERAGE_KEY = {
  none: 'coverageNone',
  nationwide: 'coverageNationwide',
  states: 'coverageStates',
  radius: 'coverageRadius',
} as const;

export function ServiceEditorForm(props: ServiceEditorFormProps) {
  const t = translator(editorMessages, props.locale);
  const tt = translator(taxonomyMessages, props.locale);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const inputs = props.inputs ?? valuesToInputs(props.values);
  const [confidential, setConfidential] = useState(inputs.confidential === 'on');
  const [hoursForm, setHoursForm] = useState<FormData | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const errors = clientErrors ?? props.errors ?? {};
  const noteOf = (field: FieldName) => props.fieldNotes?.[field];
  const err = (name: string) => (errors[name] ? t(errors[name] as EditorKey) : undefined);
  const str = (name: string) => String(inputs[name] ?? '');
  const checked = (name: string, value: string) =>
    ((inputs[name] as string[] | undefined) ?? []).includes(value);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const parsed = parseServiceForm(formToObject(new FormData(event.currentTarget)));
    if (parsed.ok) return setClientErrors(null);
    event.preventDefault();
    setClientErrors(parsed.errors);
    requestAnimationFrame(() => summary.current?.focus());
  }

  const text = (
    name: string,
    field: FieldName,
    options: { hint?: string; type?: string; multiline?: boolean } = {},
  ) => (
    <EditorField
      id={`field-${name}`}
      label={t(name as EditorKey)}
      hint={options.hint}
      error={err(name)}
      note={FIELD_INPUTS[field][0] === name ? noteOf(field) : undefined}
    >
      {(aria) =>
        options.multiline ? (
          <textarea {...aria} name={name} rows={3} defaultValue={str(name)} />
        ) : (
          <input
            {...aria}
            name={name}
            type={options.type ?? 'text'}
            defaultValue={str(name)}
            autoComplete="off"
          />
        )
      }
    </EditorField>
  );
  const checks = (name: string, field: FieldName, options: Array<{ value: string; label: string }>) => (
    <EditorField
      id={`field-${name}`}
      label={t(name as EditorKey)}
      error={err(name)}
      note={noteOf(field)}
      group
    >
      {() => (
        <div className="check-grid">
          {options.map((option) => (
            <label key={option.value} className="check">
              <input
                type="checkbox"
                name={name}
                value={option.value}
                defaultChecked={checked(name, option.value)}
              />
              {option.label}
            </label>
          ))}
        </div>
      )}
    </EditorField>
  );
  const errorList = Object.entries(errors).flatMap(([name, key]) =>
    key ? [`${name in editorMessages.en ? t(name as EditorKey) : name}: ${t(key as EditorKey)}`] : [],
  );

  return (
    <Form
      method="post"
      className="staff-form editor-form"
      noValidate
      onSubmit={onSubmit}
      onChange={(event) => {
        const target = event.target as HTMLInputElement;
        if (target.name === 'confidential') setConfidential(target.checked);
        if (/^(hours_|always|byAppointment|closures)/.test(target.name))
          setHoursForm(new FormData(event.currentTarget));
      }}
    >
      {errorList.length > 0 ? (
        <div className="form-error" role="alert" tabIndex={-1} ref={summary}>
          <p>{t('errorSummary')}</p>
          <ul>
            {errorList.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <input type="hidden" name="version" value={props.version} />
      <input type="hidden" name="base" value={JSON.stringify(props.base)} />

      <fieldset>
        <legend>{t('sectionAbout')}</legend>
        {text('name', 'name')}
        {text('description', 'description', { multiline: true })}
        <EditorField
          id="field-categories"
          label={t('categories')}
          error={err('categories')}
          note={noteOf('categories')}
          group
        >
          {() => (
            <div className="check-grid">
              {TOP_CATEGORY_SLUGS.map((top) => (
                <fieldset key={top} className="subgroup">
                  <legend className="visually-hidden">{tt(`category.${top}` as never)}</legend>
                  {[top, ...CATEGORY_TREE[top]].map((slug) => (
                    <label key={slug} className={slug === top ? 'check check-top' : 'check check-sub'}>
                      <input
                        type="checkbox"
                        name="categories"
                        value={slug}
                        defaultChecked={checked('categories', slug)}
                      />
                      {tt(`category.${slug}` as never)}
                    </label>
                  ))}
                </fieldset>
              ))}
            </div>
          )}
        </EditorField>
        {checks(
          'delivery',
          'delivery',
          DELIVERY_MODES.map((mode) => ({ value: mode, label: t(DELIVERY_KEY[mode]) })),
        )}
      </fieldset>

      <fieldset>
        <legend>{t('sectionWho')}</legend>
        {checks(
          'populations',
          'populations',
          POPULATION_SLUGS.map((slug) => ({ value: slug, label: tt(`population.${slug}` as never) })),
        )}
        {text('eligibility', 'eligibility', { multiline: true })}
        <div className="field-row">
          {text('minimumAge', 'ages', { type: 'number' })}
          {text('maximumAge', 'ages', { type: 'number' })}
        </div>
        {text('languages', 'languages', { hint: t('languagesHint') })}
      </fieldset>

      <fieldset>
        <legend>{t('sectionCost')}</legend>
        {checks(
          'costs',
          'costs',
          COST_SLUGS.map((slug) => ({ value: slug, label: t(`cost.${slug}`) })),
        )}
        {text('fees', 'fees', { multiline: true })}
        {text('applicationProcess', 'applicationProcess', { multiline: true })}
      </fieldset>

      <fieldset>
        <legend>{t('sectionReach')}</legend>
        {text('phones', 'phones', { hint: t('phonesHint'), multiline: true })}
        {text('email', 'email', { type: 'email' })}
        {text('url', 'url', { type: 'url' })}
        <EditorField
          id="field-coverage"
          label={t('coverage')}
          error={err('coverage')}
          note={noteOf('serviceArea')}
        >
          {(aria) => (
            <select {...aria} name="coverage" defaultValue={str('coverage')}>
              {(['none', 'nationwide', 'states', 'radius'] as const).map((value) => (
                <option key={value} value={value}>
                  {t(COVERAGE_KEY[value])}
                </option>
              ))}
            </select>
          )}
        </EditorField>
        <EditorField
          id="field-coverageStates"
          label={t('coverageStatesLabel')}
          hint={t('coverageStatesHint')}
          error={err('coverageStates')}
        >
          {(aria) => (
            <input {...aria} name="coverageStates" defaultValue={str('coverageStates')} autoComplete="off" />
          )}
        </EditorField>
        {text('coverageRadiusKm', 'serviceArea', { type: 'number' })}
      </fieldset>

      <fieldset>
        <legend>{t('sectionStatus')}</legend>
        <EditorField id="field-status" label={t('status')} error={err('status')} note={noteOf('status')}>
          {(aria) => (
            <select {...aria} name="status" defaultValue={str('status')}>
              {(['active', 'temporarily closed', 'defunct'] as const).map((value) => (
                <option key={value} value={value}>
                  {t(STATUS_KEY[value])}
                </option>
              ))}
            </select>
          )}
        </EditorField>
        {text('reopensOn', 'status', { type: 'date' })}
      </fieldset>

      <fieldset>
        <legend>{t('sectionLocation')}</legend>
        {text('address1', 'location')}
        <div className="field-row">
          {text('city', 'location')}
          {text('state', 'location')}
          {text('postalCode', 'location')}
        </div>
        {props.map}
        <p className="muted">{t('pinHint')}</p>
        <div className="field-row">
          {text('latitude', 'location', { type: 'number' })}
          {text('longitude', 'location', { type: 'number' })}
        </div>
        <label className="check">
          <input type="checkbox" name="confidential" defaultChecked={inputs.confidential === 'on'} />
          {t('confidential')}
        </label>
        <div className="public-view" aria-live="polite">
          <h3>{t('publicSees')}</h3>
          <p>
            {!confidential
              ? t('publicSeesExact')
              : props.areaLabel
                ? t('publicSeesArea', { label: props.areaLabel })
                : t('publicSeesNone')}
          </p>
        </div>
        {text('transportation', 'location', { multiline: true })}
        {text('accessibility', 'accessibility', { hint: t('accessibilityHint'), multiline: true })}
      </fieldset>

      <fieldset>
        <legend>{t('sectionHours')}</legend>
        <p className="muted">{t('hoursHint')}</p>
        {noteOf('hours') ? <p className="field-note">{noteOf('hours')}</p> : null}
        <p className="muted">
          {props.timeZone ? t('timeZone', { zone: props.timeZone }) : t('timeZoneUnknown')}
        </p>
        <div className="hours-grid">
          {WEEKDAYS.map((day) => (
            <EditorField
              key={day}
              id={`field-hours_${day}`}
              label={t(`day${day}`)}
              error={err(`hours_${day}`)}
            >
              {(aria) => (
                <input
                  {...aria}
                  name={`hours_${day}`}
                  defaultValue={str(`hours_${day}`)}
                  autoComplete="off"
                />
              )}
            </EditorField>
          ))}
        </div>
        <label className="check">
          <input type="checkbox" name="always" defaultChecked={inputs.always === 'on'} />
          {t('always')}
        </label>
        <label className="check">
          <input type="checkbox" name="byAppointment" defaultChecked={inputs.byAppointment === 'on'} />
          {t('byAppointment')}
        </label>
        {text('closures', 'hours', { hint: t('closuresHint'), multiline: true })}
        <HoursPreview
          locale={props.locale}
          values={props.values}
          form={hoursForm}
          timeZone={props.timeZone}
        />
      </fieldset>

      <div className="actions">
        <button type="submit" className="button button-primary">
          {props.submitLabel}
        </button>
      </div>
    </Form>
  );
}
