// The event kinds live in one registry (src/kinds/index.ts); these names stay here for the many files that
// import them from the model.
export {
  EVENT_KINDS,
  KIND_SCHEMAS,
  impactFields,
  isEventKind,
  type EventDataInput,
  type EventDataMap,
  type EventKind,
} from '../kinds/index.js';
