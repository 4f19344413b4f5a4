export { buildScreenGraph, withErrorCounts, type EdgeKind, type ScreenEdge, type ScreenGraph, type ScreenNode } from './graph';
export {
  componentKey,
  componentPathOf,
  exampleOf,
  placeErrorsInComponents,
  resolveDynamic,
  textOf,
  type ComponentPath,
  type ErrorPlaces,
} from './components';
export { layoutScreenGraph, type MapLayout } from './layout';
export { inspectFlowScreens, parseScreen, summarizeScreens, type FlowInspection, type FlowScreens } from './summary';
export { screenRanges } from './ranges';
