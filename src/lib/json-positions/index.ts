export type { JsonPath, LocatedError, LocatedHow, Range } from './types';
export { LineStartScanner, lineStartOffsets, lineEndOffset, lineRange, lineIndexAt, offsetToLineColumn } from './lines';
export { parseFlowPath, formatFlowPath, screenOfPath, screenOfPathText } from './path';
export { arrayItemRanges, locatePaths, pathsAtOffsets, type PathAtOffset } from './locate-paths';
export { locateByPosition, locateErrors, locateByPointerPaths, pointerPaths, positionOf, screenOfError, screensByPath, type ScreensByPath } from './locate';
export { pathsAtPositions } from './position-paths';
export { formatFlowJson, relocateByPath } from './format';
export { findJsonSyntaxError, type JsonSyntaxError } from './syntax';
export { screenIdsOf } from './screens';
export { screenIdsOfFlow } from './screens';
export {
  completePlacement,
  formatWithErrors,
  inspectFlowJson,
  placeByPosition,
  placeErrors,
  placeLocated,
  snippetOf,
  SNIPPET_MAX,
  type FlowJsonInspection,
  type FormattedFlowJson,
  type PlacedError,
  type PlacedErrors,
  type PositionalPlacement,
} from './analyze';
export { describePlaced, describeReported, describeSpan, LOCATED_HOW_LABEL } from './describe';
