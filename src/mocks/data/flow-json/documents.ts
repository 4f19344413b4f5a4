/**
 * Builds a simulated flow's JSON text (pretty-printed or minified, as uploaded) with its
 * validation errors planted in it, and reports the errors at their real line/column positions
 * (1-based; `column_end` one past the last character, as in Meta's own example).
 */
import { lineStartOffsets, offsetToLineColumn } from '../../../lib/json-positions/lines';
import { locatePaths } from '../../../lib/json-positions/locate-paths';
import type { JsonPath } from '../../../lib/json-positions/types';
import { editedTitle } from '../evolution';
import { componentsFlow, flowTemplates, hundredScreensFlow } from './templates';

export interface PlantedError {
  code: string;
  type: string;
  message: string;
  path: JsonPath;
  /** Replaces the value at `path`, so the document really carries the mistake. */
  value?: unknown;
}

export interface SimulatedPosition {
  lineStart: number;
  lineEnd: number;
  columnStart: number;
  columnEnd: number;
  path: string;
}

/** The mistakes Meta's validator reports most often, each valid against a template's shape. */
export const ERROR_CATALOGUE: ((template: number) => PlantedError | null)[] = [
  (t) => ({
    code: 'INVALID_PROPERTY_VALUE',
    type: 'FLOW_JSON_ERROR',
    message: "Invalid value found for property 'type'.",
    path: t === 0 ? ['screens', 0, 'layout', 'children', 0, 'type'] : ['screens', 0, 'layout', 'children', 0, 'children', 0, 'type'],
    value: 'TextHeadline',
  }),
  (t) =>
    t === 1
      ? {
          code: 'INVALID_SCREEN_REFERENCE',
          type: 'FLOW_JSON_ERROR',
          message: "Screen 'SUMARY' referenced in the navigate action does not exist.",
          path: ['screens', 1, 'layout', 'children', 0, 'children', 4, 'on-click-action', 'next', 'name'],
          value: 'SUMARY',
        }
      : null,
  () => ({
    code: 'INVALID_PROPERTY_VALUE',
    type: 'FLOW_JSON_ERROR',
    message: "Invalid value found for property 'version': '2.9' is not a supported Flow JSON version.",
    path: ['version'],
    value: '2.9',
  }),
  (t) =>
    t === 2 || t === 3
      ? {
          code: 'INVALID_PROPERTY_VALUE',
          type: 'JSON_SCHEMA_ERROR',
          message: "Property 'required' must be a boolean.",
          path: ['screens', 0, 'layout', 'children', 0, 'children', t === 2 ? 1 : 0, 'required'],
          value: 'yes',
        }
      : null,
  (t) => ({
    code: 'INVALID_PROPERTY_KEY',
    type: 'FLOW_JSON_ERROR',
    message: "Property 'colour' is not allowed on a screen.",
    path: ['screens', t === 3 ? 2 : 0, 'colour'],
    value: '#ff0000',
  }),
];

const invalidValue = (property: string, path: JsonPath, value?: unknown): PlantedError => ({
  code: 'INVALID_PROPERTY_VALUE',
  type: 'FLOW_JSON_ERROR',
  message: `Invalid value found for property '${property}'.`,
  path,
  ...(value === undefined ? {} : { value }),
});

/** Demo documents with errors inside their components, where the screen preview shows them. */
export const showcaseDocuments = {
  components: {
    document: componentsFlow,
    errors: [
      // A misspelt component type, a TextInput's input-type, a Dropdown's label (too long), in the form of DETAILS.
      invalidValue('type', ['screens', 1, 'layout', 'children', 0, 'children', 1, 'type'], 'TextAreaa'),
      invalidValue('input-type', ['screens', 1, 'layout', 'children', 0, 'children', 0, 'input-type'], 'txet'),
      {
        code: 'INVALID_PROPERTY_VALUE',
        type: 'JSON_SCHEMA_ERROR',
        message: "Property 'label' of Dropdown must be at most 20 characters long.",
        path: ['screens', 1, 'layout', 'children', 0, 'children', 2, 'label'],
        value: 'Which of our garden departments would you like us to call you back from?',
      },
      // Inside an If's else branch, and on a screen's title.
      invalidValue('text', ['screens', 2, 'layout', 'children', 0, 'else', 0, 'text'], 12),
      { code: 'INVALID_PROPERTY_KEY', type: 'FLOW_JSON_ERROR', message: "Property 'colour' is not allowed on a screen.", path: ['screens', 3, 'colour'], value: '#2f9e44' },
    ] satisfies PlantedError[],
  },
  hundredScreens: {
    document: hundredScreensFlow(),
    errors: [
      invalidValue('type', ['screens', 3, 'layout', 'children', 0, 'children', 1, 'type'], 'RadioButtonGroup'),
      invalidValue('label', ['screens', 41, 'layout', 'children', 0, 'children', 1, 'label'], ''),
      invalidValue('name', ['screens', 41, 'layout', 'children', 0, 'children', 1, 'name'], 'answer 41'),
      invalidValue('text', ['screens', 76, 'layout', 'children', 0, 'children', 0, 'text'], 7),
    ] satisfies PlantedError[],
  },
};

function setAt(doc: unknown, path: JsonPath, value: unknown): void {
  let node = doc as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
}

export function formatPath(path: JsonPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The flow JSON of template `template` (or of the given document) at `revision`, with the errors planted, and their positions. */
export function buildFlowDocument(template: number | object, minified: boolean, errors: readonly PlantedError[], revision = 0) {
  const doc = structuredClone(typeof template === 'number' ? flowTemplates[template % flowTemplates.length] : template) as unknown;
  // The demo's edits over time (../evolution.ts): the n-th rewords screen n's title, round the screens.
  const screens = (doc as { screens?: { title?: unknown }[] }).screens ?? [];
  for (let r = 1; r <= revision && screens.length > 0; r++) {
    const screen = screens[(r - 1) % screens.length]!;
    if (typeof screen.title === 'string') screen.title = editedTitle(screen.title, r);
  }
  for (const e of errors) if (e.value !== undefined) setAt(doc, e.path, e.value);
  const text = minified ? JSON.stringify(doc) : JSON.stringify(doc, null, 2);
  const starts = lineStartOffsets(text);
  const ranges = locatePaths(text, errors.map((e) => e.path));
  const positions = errors.map((e, i): SimulatedPosition | null => {
    const range = ranges[i];
    if (!range) return null;
    const start = offsetToLineColumn(starts, range.from);
    const end = offsetToLineColumn(starts, range.to);
    return { lineStart: start.line, lineEnd: end.line, columnStart: start.column, columnEnd: end.column, path: formatPath(e.path) };
  });
  return { text, positions };
}
