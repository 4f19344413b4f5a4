/**
 * A phone-sized picture of one screen of the flow JSON: every component in JSON order and
 * nesting, dynamic values read from the screen's `__example__` data. A picture, not an emulator:
 * no action runs, and every text from the JSON is a React text node.
 *
 * Drawn with plain elements and the classes of ScreenPreview.module.css (Mantine's variables),
 * not Mantine's components: the phone is a picture rather than controls, and it is drawn in the
 * task that shows the screens; a Mantine `Text` per line resolved its style props there too.
 */
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { componentKey, textOf, resolveDynamic, type ComponentPath, type ErrorPlaces } from '../../../lib/flow-screens';
import type { ValidationError } from '../../../model/flow';
import classes from './ScreenPreview.module.css';

/** Base64 images longer than this (about 750 KB decoded) are summarised, not decoded. */
export const MAX_IMAGE_BASE64 = 1_000_000;
const BASE64 = /^[A-Za-z0-9+/=\s]*$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ScreenPreviewProps {
  screen: unknown;
  screenIndex: number;
  /**
   * The screen's JSON is still coming (from the worker): the phone stays, empty, so the preview
   * is the same element before and after, and its content shows when it comes.
   */
  reading?: boolean;
  errors: readonly ValidationError[];
  places: ErrorPlaces;
  /** Selected error index (outlined more strongly and scrolled to). */
  selectedError: number | null;
  /** A component was clicked: its path, and the first error in it if any. */
  onSelectComponent: (path: ComponentPath, firstError: number | null) => void;
}

interface Ctx extends Omit<ScreenPreviewProps, 'screen' | 'screenIndex' | 'reading'> {
  data: unknown;
}

export function ScreenPreview({ screen, screenIndex, reading = false, ...rest }: ScreenPreviewProps) {
  const ref = useRef<HTMLDivElement>(null);
  const s = isObject(screen) ? screen : {};
  const ctx: Ctx = { ...rest, data: s.data };
  const layout = isObject(s.layout) ? s.layout : {};
  const children = Array.isArray(layout.children) ? layout.children : [];
  const screenErrors = rest.places.byScreen.get(screenIndex) ?? [];
  const { selectedError } = rest;

  useEffect(() => {
    const phone = ref.current;
    const target = selectedError === null ? null : phone?.querySelector<HTMLElement>(`[data-preview-error="${selectedError}"]`);
    // Inside the phone only: the page stays where the JSON viewer scrolled it, at the error's token.
    if (phone && target) revealWithin(phone, target);
  }, [selectedError, screenIndex, reading]);

  const label = `Preview of screen ${typeof s.id === 'string' ? s.id : screenIndex}`;
  if (reading) return <div className={classes.phone} ref={ref} aria-label={label} aria-busy="true" role="region" />;
  return (
    <div className={classes.phone} ref={ref} aria-label={label} role="region">
      <div className={classes.screen}>
        <p className={classes.title}>{textOf(s.title, s.data) || '(no title)'}</p>
        {screenErrors.map((i) => (
          <div key={i} data-preview-error={i} className={`${classes.component} ${classes.error}`}>
            <ErrorLabel index={i} errors={rest.errors} />
          </div>
        ))}
        {renderList(children, ['screens', screenIndex, 'layout', 'children'], ctx)}
      </div>
    </div>
  );
}

/** Scrolls `container` (not the page) just enough to show `target`, its top first when it is taller. */
function revealWithin(container: HTMLElement, target: HTMLElement) {
  const box = container.getBoundingClientRect();
  const item = target.getBoundingClientRect();
  if (item.top < box.top) container.scrollTop -= box.top - item.top;
  else if (item.bottom > box.bottom) container.scrollTop += Math.min(item.bottom - box.bottom, item.top - box.top);
}

function ErrorLabel({ index, errors }: { index: number; errors: readonly ValidationError[] }) {
  const e = errors[index];
  return (
    <p className={classes.errorLabel}>
      Error #{index + 1}: {e ? `${e.code}: ${e.message}` : ''}
    </p>
  );
}

function renderList(list: unknown, path: ComponentPath, ctx: Ctx): ReactNode {
  if (!Array.isArray(list)) return null;
  return list.map((child, i) => <PreviewComponent key={i} component={child} path={[...path, i]} ctx={ctx} />);
}

function PreviewComponent({ component, path, ctx }: { component: unknown; path: ComponentPath; ctx: Ctx }) {
  const errors = ctx.places.byComponent.get(componentKey(path)) ?? [];
  const selected = ctx.selectedError !== null && errors.includes(ctx.selectedError);
  const select = () => ctx.onSelectComponent(path, errors[0] ?? null);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      select();
    }
  };
  let body: ReactNode = (
    <>
      {errors.map((i) => (
        <ErrorLabel key={i} index={i} errors={ctx.errors} />
      ))}
      {renderBody(component, path, ctx)}
    </>
  );
  // One element per error, nested, so each `[data-preview-error=i]` holds the component.
  for (const i of errors.slice(1).reverse()) body = <div data-preview-error={i}>{body}</div>;
  const type = isObject(component) && typeof component.type === 'string' ? component.type : 'component';
  return (
    <div
      className={`${classes.component} ${errors.length > 0 ? classes.error : ''} ${selected ? classes.selected : ''}`}
      data-preview-error={errors[0]}
      data-component-path={componentKey(path)}
      role="button"
      tabIndex={0}
      aria-label={`${type}${errors.length > 0 ? ` with ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}` : ''}: show in the JSON`}
      onClick={(event) => {
        event.stopPropagation();
        select();
      }}
      onKeyDown={onKey}
    >
      {body}
    </div>
  );
}

function Field({ label, hint }: { label: string; hint: string }) {
  return (
    <div className={classes.group}>
      <p className={classes.label}>{label}</p>
      <div className={classes.field}>{hint}</div>
    </div>
  );
}

/**
 * How an option looks, drawn with CSS (ScreenPreview.module.css): the characters for these ("▾",
 * "☐", "◯") are in few fonts, and the browser's search of the system's fonts for them is part of
 * the first layout of the screens.
 */
type Mark = 'dropdown' | 'radio' | 'checkbox' | 'chip' | 'next';

const markOf = (mark: Mark) => <span className={`${classes.mark} ${classes[mark]}`} aria-hidden="true" />;

function Options({ label, items, mark, data }: { label: string; items: unknown; mark: Mark; data: unknown }) {
  const resolved = resolveDynamic(items, data);
  return (
    <div className={classes.group}>
      <p className={classes.label}>{label}</p>
      {Array.isArray(resolved) ? (
        resolved.map((item, i) => (
          <p key={i} className={classes.body}>
            {markOf(mark)}
            {isObject(item) ? textOf(item['main-content'] && isObject(item['main-content']) ? item['main-content'].title : item.title, data) : textOf(item, data)}
          </p>
        ))
      ) : (
        <p className={classes.note}>{textOf(items, data) || '(no options)'}</p>
      )}
    </div>
  );
}

function PreviewImage({ c, data }: { c: Json; data: unknown }) {
  const src = resolveDynamic(c.src, data);
  const width = typeof c.width === 'number' ? c.width : undefined;
  const height = typeof c.height === 'number' ? c.height : undefined;
  const alt = textOf(c['alt-text'], data) || 'Image';
  if (typeof src !== 'string' || src.startsWith('${')) return <Field label={alt} hint={`Image: ${typeof src === 'string' ? src : 'no source'}`} />;
  if (src.length > MAX_IMAGE_BASE64) return <Field label={alt} hint={`Image of ${Math.round((src.length * 3) / 4 / 1024)} KB, not shown in the preview`} />;
  if (!BASE64.test(src)) return <Field label={alt} hint="Image that is not base64 data" />;
  return <img src={`data:image/png;base64,${src}`} alt={alt} width={width} height={height} decoding="async" style={{ maxWidth: '100%', height: 'auto', maxHeight: height }} />;
}

function renderBody(component: unknown, path: ComponentPath, ctx: Ctx): ReactNode {
  const { data } = ctx;
  if (!isObject(component)) return <span className={classes.badge}>Not a component</span>;
  const c = component;
  const t = (key: string) => textOf(c[key], data);
  const label = t('label');
  switch (c.type) {
    case 'TextHeading':
      return <p className={classes.heading}>{t('text')}</p>;
    case 'TextSubheading':
      return <p className={classes.subheading}>{t('text')}</p>;
    case 'TextBody':
    case 'RichText':
      return <p className={classes.paragraph}>{t('text')}</p>;
    case 'TextCaption':
      return <p className={classes.note}>{t('text')}</p>;
    case 'TextInput':
      return <Field label={label} hint={`${t('input-type') || 'text'} input${c['helper-text'] ? ` · ${t('helper-text')}` : ''}`} />;
    case 'TextArea':
      return <Field label={label} hint={t('helper-text') || 'Multi-line text'} />;
    case 'Dropdown':
      return <Options label={label} items={c['data-source']} mark="dropdown" data={data} />;
    case 'RadioButtonsGroup':
      return <Options label={label} items={c['data-source']} mark="radio" data={data} />;
    case 'CheckboxGroup':
      return <Options label={label} items={c['data-source']} mark="checkbox" data={data} />;
    case 'ChipsSelector':
      return <Options label={label} items={c['data-source']} mark="chip" data={data} />;
    case 'NavigationList':
      return <Options label={t('label') || 'Navigation list'} items={c['list-items']} mark="next" data={data} />;
    case 'DatePicker':
      return <Field label={label} hint="Date" />;
    case 'CalendarPicker':
      return <Field label={label || t('title')} hint={`Calendar (${t('mode') || 'single'})`} />;
    case 'OptIn':
      return (
        <p className={classes.body}>
          {markOf('checkbox')}
          {label}
        </p>
      );
    case 'EmbeddedLink':
      return <p className={classes.link}>{t('text')}</p>;
    case 'Image':
      return <PreviewImage c={c} data={data} />;
    case 'ImageCarousel':
      return (
        <div className={classes.group}>
          {(Array.isArray(c.images) ? c.images : []).map((img, i) => (isObject(img) ? <PreviewImage key={i} c={img} data={data} /> : null))}
        </div>
      );
    case 'PhotoPicker':
      return <Field label={label} hint={t('description') || 'Take or choose photos'} />;
    case 'DocumentPicker':
      return <Field label={label} hint={t('description') || 'Choose documents'} />;
    case 'Footer':
      return <div className={classes.footer}>{label}</div>;
    case 'Form':
      return (
        <div className={classes.group}>
          <p className={classes.note}>Form {t('name')}</p>
          {renderList(c.children, [...path, 'children'], ctx)}
        </div>
      );
    case 'If':
      return (
        <div className={classes.group}>
          <p className={classes.note}>If {t('condition')}</p>
          <div className={classes.branch}>
            <p className={classes.note}>then</p>
            {renderList(c.then, [...path, 'then'], ctx)}
          </div>
          {Array.isArray(c.else) && (
            <div className={classes.branch}>
              <p className={classes.note}>else</p>
              {renderList(c.else, [...path, 'else'], ctx)}
            </div>
          )}
        </div>
      );
    case 'Switch':
      return (
        <div className={classes.group}>
          <p className={classes.note}>Switch on {t('value')}</p>
          {Object.entries(isObject(c.cases) ? c.cases : {}).map(([key, list]) => (
            <div key={key} className={classes.branch}>
              <p className={classes.note}>case {key}</p>
              {renderList(list, [...path, 'cases', key], ctx)}
            </div>
          ))}
        </div>
      );
    default:
      return (
        <div className={classes.group}>
          <span className={`${classes.badge} ${classes.unknown}`}>Unknown component: {typeof c.type === 'string' ? c.type : '(no type)'}</span>
          {(label || t('text')) && <p className={classes.body}>{label || t('text')}</p>}
        </div>
      );
  }
}
