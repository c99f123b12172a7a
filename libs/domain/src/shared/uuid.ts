// The one UUID pattern of the code base (any version, either case); the
// other libs and the apps import it from #domain. libs/client keeps a copy
// of its own: it is a standalone package.

/** A UUID's text without anchors, for building larger patterns. */
export const UUID_SOURCE = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** A whole string that is a UUID, as a template field format. */
export const UUID_PATTERN = `^${UUID_SOURCE}$`;

/** Tests a whole string (no global flag: `test` keeps no state between calls). */
export const UUID = new RegExp(UUID_PATTERN);
